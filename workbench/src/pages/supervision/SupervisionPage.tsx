// 督办 The coordinator's board (004 第十七条): open and overdue items per department, the overdue
// cases oldest first (one click to the case), overdue card applications, and the weekly trend.
import { Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { CASE_STATUS, DEPARTMENT, label, PROGRAM, SERVICE, TEXT } from '../../kit/messages';
import { Refusal } from '../../kit/Refusal';
import { Link } from '../../kit/router';
import { SupervisionBoardQuery } from './operations';
import { departmentRows, weeklyTrend, weeksAgo } from './figures';

export function SupervisionPage() {
  const since = useMemo(() => weeksAgo(12), []);
  const [{ data, error, fetching }] = useQuery({ query: SupervisionBoardQuery, variables: { since } });
  const departments = data ? departmentRows(data.byDepartment.rows) : [];
  const trend = data ? weeklyTrend(data.accepted.rows, data.delivered.rows) : null;
  const overdueCases = (data?.overdueCases.edges ?? []).map((edge) => edge.node).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>督办 Supervision board</Typography.Title>
      <Refusal error={error} title="读取失败（could not load）" />
      {fetching && !data ? <Typography.Text>{TEXT.loading}</Typography.Text> : null}
      {data ? (
        <>
          <Row gutter={16}>
            <Col span={6}>
              <Card><Statistic title="逾期办件 Overdue cases" value={data.overdueCases.totalCount} /></Card>
            </Col>
            <Col span={6}>
              <Card><Statistic title="逾期人才卡申领 Overdue card applications" value={data.overdueApplications.totalCount} /></Card>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <Card title="各部门在办与逾期事项 Open and overdue items per department">
                <Table
                  data-testid="department-table"
                  size="small"
                  pagination={false}
                  rowKey="department"
                  dataSource={departments}
                  columns={[
                    { title: '部门 Department', dataIndex: 'department', render: (value: string) => label(DEPARTMENT, value) },
                    { title: '在办事项 Open', dataIndex: 'open' },
                    { title: '逾期事项 Overdue', dataIndex: 'overdue', render: (value: number) => (value > 0 ? <Tag color="red">{value}</Tag> : value) },
                  ]}
                />
              </Card>
            </Col>
            <Col span={12}>
              <Card title="各部门在办与逾期 Per department">
                <ReactECharts
                  style={{ height: 300 }}
                  option={{
                    tooltip: {},
                    legend: { data: ['在办 Open', '逾期 Overdue'] },
                    xAxis: { type: 'category', data: departments.map((row) => label(DEPARTMENT, row.department)), axisLabel: { interval: 0, rotate: 20 } },
                    yAxis: { type: 'value', minInterval: 1 },
                    series: [
                      { name: '在办 Open', type: 'bar', data: departments.map((row) => row.open) },
                      { name: '逾期 Overdue', type: 'bar', data: departments.map((row) => row.overdue), itemStyle: { color: '#cf1322' } },
                    ],
                  }}
                />
              </Card>
            </Col>
          </Row>
          {trend ? (
            <Card title="每周受理与其中已交付 Accepted per week, and how many of them are delivered">
              <ReactECharts
                style={{ height: 280 }}
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: { data: ['受理 Accepted', '已交付 Delivered'] },
                  xAxis: { type: 'category', data: trend.weeks },
                  yAxis: { type: 'value', minInterval: 1 },
                  series: [
                    { name: '受理 Accepted', type: 'line', data: trend.accepted },
                    { name: '已交付 Delivered', type: 'line', data: trend.delivered },
                  ],
                }}
              />
            </Card>
          ) : null}
          <Card title={`逾期办件（最早到期在前）Overdue cases, oldest first — ${data.overdueCases.totalCount}`}>
            <Table
              data-testid="overdue-cases"
              size="small"
              rowKey="id"
              dataSource={overdueCases}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: '办件 Case', dataIndex: 'id', render: (id: string) => <Link to={`/cases/${id}`}>{id.slice(-8)}</Link> },
                { title: '人才 Talent', render: (_, row) => (row.talent ? <Link to={`/talents/${row.talent.id}`}>{row.talent.name ?? row.talent.id.slice(-6)}</Link> : '—') },
                { title: '状态 Status', dataIndex: 'status', render: (value: string) => label(CASE_STATUS, value) },
                { title: '最晚办结日 Due', dataIndex: 'dueOn' },
                { title: '逾期工作日 Days overdue', dataIndex: 'overdueWorkingDays', render: (value: number) => <Tag color="red">{value}</Tag> },
                {
                  title: '逾期事项 Overdue items',
                  render: (_, row) =>
                    row.items.filter((item) => item.overdue).map((item) => (
                      <Tag key={item.service}>
                        {label(DEPARTMENT, item.department)} · {label(SERVICE, item.service)} · {item.overdueWorkingDays}
                        {TEXT.workingDays}
                      </Tag>
                    )),
                },
              ]}
            />
          </Card>
          <Card title={`逾期人才卡申领 Overdue card applications — ${data.overdueApplications.totalCount}`}>
            <Table
              size="small"
              rowKey="id"
              dataSource={data.overdueApplications.edges.map((edge) => edge.node).sort((a, b) => a.stageDueOn.localeCompare(b.stageDueOn))}
              pagination={{ pageSize: 10 }}
              columns={[
                { title: '申请人 Applicant', render: (_, row) => row.person?.name ?? '—' },
                { title: '项目 Program', dataIndex: 'program', render: (value: string) => label(PROGRAM, value) },
                { title: '环节 Stage', dataIndex: 'stageName' },
                { title: '主管单位 Authority', dataIndex: 'stageAuthority' },
                { title: '环节最晚完成日 Stage due', dataIndex: 'stageDueOn' },
              ]}
            />
          </Card>
        </>
      ) : null}
    </Space>
  );
}

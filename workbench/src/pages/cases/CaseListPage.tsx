// 办件 Cases: filters (status, department, overdue, program, district, acceptance dates, specialist)
// and Relay paging (forward by cursor; back through the cursors already seen).
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useQuery } from 'urql';
import type { CaseFilter, CaseStatus, CardProgram, Department } from '../../gql/graphql';
import { CASE_STATUS, DEPARTMENT, ITEM_STATUS, label, PROGRAM, SERVICE } from '../../kit/messages';
import { Refusal } from '../../kit/Refusal';
import { Link } from '../../kit/router';
import { CaseListQuery } from './operations';

const PAGE_SIZE = 20;
const options = (table: Record<string, string>) => Object.entries(table).map(([value, text]) => ({ value, label: text }));

interface FilterForm {
  status?: CaseStatus;
  department?: Department;
  overdue?: 'true' | 'false';
  program?: CardProgram;
  district?: string;
  specialist?: string;
  accepted?: [Dayjs | null, Dayjs | null] | null;
}

function toFilter(form: FilterForm): CaseFilter {
  const [from, to] = form.accepted ?? [null, null];
  return {
    status: form.status || undefined,
    department: form.department || undefined,
    overdue: form.overdue === undefined ? undefined : form.overdue === 'true',
    program: form.program || undefined,
    district: form.district?.trim() || undefined,
    specialist: form.specialist?.trim() || undefined,
    acceptedFrom: from ? from.format('YYYY-MM-DD') : undefined,
    acceptedTo: to ? to.format('YYYY-MM-DD') : undefined,
  };
}

export function CaseListPage() {
  const [filter, setFilter] = useState<CaseFilter>({});
  // Cursors of the pages seen so far: the last is the current page's `after`.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const [{ data, error, fetching }] = useQuery({ query: CaseListQuery, variables: { first: PAGE_SIZE, after, filter } });
  const cases = data?.cases.edges.map((edge) => edge.node) ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>办件 Cases</Typography.Title>
      <Card>
        <Form<FilterForm>
          layout="inline"
          onFinish={(values) => {
            setFilter(toFilter(values));
            setCursors([null]);
          }}
        >
          <Form.Item name="status" label="状态 Status"><Select allowClear style={{ width: 150 }} options={options(CASE_STATUS)} /></Form.Item>
          <Form.Item name="department" label="部门 Department"><Select allowClear style={{ width: 200 }} options={options(DEPARTMENT)} /></Form.Item>
          <Form.Item name="overdue" label="逾期 Overdue">
            <Select allowClear style={{ width: 100 }} options={[{ value: 'true', label: '逾期' }, { value: 'false', label: '未逾期' }]} />
          </Form.Item>
          <Form.Item name="program" label="项目 Program"><Select allowClear style={{ width: 200 }} options={options(PROGRAM)} /></Form.Item>
          <Form.Item name="district" label="区 District"><Input allowClear style={{ width: 120 }} placeholder="白云区" /></Form.Item>
          <Form.Item name="specialist" label="专员 Specialist"><Input allowClear style={{ width: 120 }} /></Form.Item>
          <Form.Item name="accepted" label="受理日期 Accepted"><DatePicker.RangePicker allowEmpty={[true, true]} /></Form.Item>
          <Form.Item><Button type="primary" htmlType="submit">查询 Search</Button></Form.Item>
        </Form>
      </Card>
      <Refusal error={error} title="读取失败（could not load）" />
      <Card title={`共 ${data?.cases.totalCount ?? '…'} 件 (${data?.cases.totalCount ?? '…'} cases)`}>
        <Table
          data-testid="case-list"
          size="small"
          rowKey="id"
          loading={fetching}
          dataSource={cases}
          pagination={false}
          columns={[
            { title: '办件 Case', dataIndex: 'id', render: (id: string) => <Link to={`/cases/${id}`}>{id.slice(-8)}</Link> },
            { title: '人才 Talent', render: (_, row) => (row.talent ? <Link to={`/talents/${row.talent.id}`}>{row.talent.name ?? '—'}</Link> : '—') },
            { title: '状态 Status', dataIndex: 'status', render: (value: string) => label(CASE_STATUS, value) },
            { title: '受理 Accepted', dataIndex: 'acceptedAt', render: (value: string) => new Date(value).toLocaleString('zh-CN') },
            { title: '最晚办结 Due', dataIndex: 'dueOn' },
            { title: '逾期 Overdue', render: (_, row) => (row.overdue ? <Tag color="red">逾期 {row.overdueWorkingDays} 个工作日</Tag> : null) },
            { title: '专员 Specialist', dataIndex: 'specialist', render: (value: string | null) => value ?? '—' },
            {
              title: '事项 Items',
              render: (_, row) =>
                row.items.map((item) => (
                  <Tag key={item.service} title={label(DEPARTMENT, item.department)}>
                    {label(SERVICE, item.service)}：{label(ITEM_STATUS, item.status)}
                  </Tag>
                )),
            },
          ]}
        />
        <Space style={{ marginTop: 12 }}>
          <Button disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>上一页 Previous</Button>
          <span>第 {cursors.length} 页</span>
          <Button
            disabled={!data?.cases.pageInfo.hasNextPage}
            onClick={() => data?.cases.pageInfo.endCursor && setCursors([...cursors, data.cases.pageInfo.endCursor])}
          >
            下一页 Next
          </Button>
        </Space>
      </Card>
    </Space>
  );
}

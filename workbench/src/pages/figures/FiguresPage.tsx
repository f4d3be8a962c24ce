// 统计 Figures for analysts and coordinators: counts only — no names anywhere — as tables and
// charts, each exportable as CSV. A group smaller than the graph's threshold is suppressed for
// analysts; the page says so instead of showing a number.
import { Button, Card, Col, Row, Select, Space, Table, Tag, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { useQuery } from 'urql';
import type { StatsDimension } from '../../gql/graphql';
import { downloadCsv, toCsv } from '../../kit/csv';
import { CARD_STATUS, CASE_STATUS, DEPARTMENT, label, PROGRAM, SERVICE, TEXT } from '../../kit/messages';
import { Refusal } from '../../kit/Refusal';
import { FiguresQuery } from './operations';

const DIMENSIONS: { value: StatsDimension; label: string }[] = [
  { value: 'DEPARTMENT', label: '部门 Department' },
  { value: 'SERVICE', label: '事项 Service' },
  { value: 'STATUS', label: '状态 Status' },
  { value: 'OVERDUE', label: '逾期 Overdue' },
  { value: 'WEEK', label: '受理周 Week' },
  { value: 'PROGRAM', label: '项目 Program' },
  { value: 'DISTRICT', label: '区 District' },
];

interface Column<Row> {
  title: string;
  value(row: Row): string | number | null;
}

function countCell(row: { count?: number | null; suppressed: boolean }, minGroupSize: number): string | number {
  return row.suppressed ? `<${minGroupSize}（已隐藏 suppressed）` : (row.count ?? 0);
}

/** A table of figures with its CSV export. */
function FigureTable<Row extends object>({ title, name, rows, columns }: { title: string; name: string; rows: readonly Row[]; columns: Column<Row>[] }) {
  const exportCsv = () => downloadCsv(`${name}.csv`, toCsv(columns.map((column) => column.title), rows.map((row) => columns.map((column) => column.value(row)))));
  return (
    <Card title={title} extra={<Button size="small" onClick={exportCsv}>导出 CSV Export</Button>}>
      <Table
        size="small"
        rowKey={(_, index) => String(index)}
        dataSource={rows as Row[]}
        pagination={{ pageSize: 15 }}
        columns={columns.map((column, index) => ({ key: String(index), title: column.title, render: (_: unknown, row: Row) => column.value(row) ?? '—' }))}
      />
    </Card>
  );
}

export function FiguresPage() {
  const [caseGroupBy, setCaseGroupBy] = useState<StatsDimension[]>(['DEPARTMENT', 'STATUS']);
  const [{ data, error, fetching }] = useQuery({ query: FiguresQuery, variables: { caseGroupBy, caseFilter: null } });
  const departmentFigures = data
    ? [
        ['HOUSEHOLD', data.householdStats],
        ['EDUCATION', data.educationStats],
        ['HEALTH', data.healthStats],
        ['LEGAL', data.legalStats],
        ['HOUSING', data.housingStats],
        ['CUSTOMS', data.customsStats],
      ] as const
    : [];
  const byProgram = new Map<string, number>();
  for (const row of data?.talentStats.rows ?? []) if (row.program && row.count) byProgram.set(row.program, (byProgram.get(row.program) ?? 0) + row.count);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>统计 Figures</Typography.Title>
      <Typography.Paragraph type="secondary">只含计数，不含姓名；小于最小分组人数的组对分析人员隐藏。Counts only, no names; groups below the threshold are suppressed for analysts.</Typography.Paragraph>
      <Refusal error={error} title="读取失败（could not load）" />
      {fetching && !data ? <Typography.Text>{TEXT.loading}</Typography.Text> : null}
      {data ? (
        <>
          <Row gutter={16}>
            <Col span={14}>
              <FigureTable
                title={`持卡人才（项目 × 区 × 卡状态）Talents — 共 ${data.talentStats.total}，最小分组 ${data.talentStats.minGroupSize}`}
                name="talents"
                rows={data.talentStats.rows}
                columns={[
                  { title: '项目 Program', value: (row) => label(PROGRAM, row.program) },
                  { title: '区 District', value: (row) => row.district ?? '—' },
                  { title: '卡状态 Card status', value: (row) => label(CARD_STATUS, row.cardStatus) },
                  { title: '人数 Count', value: (row) => countCell(row, data.talentStats.minGroupSize) },
                ]}
              />
            </Col>
            <Col span={10}>
              <Card title="各项目人才 Talents per program">
                <ReactECharts
                  style={{ height: 320 }}
                  option={{
                    tooltip: {},
                    xAxis: { type: 'category', data: [...byProgram.keys()].map((program) => label(PROGRAM, program)), axisLabel: { interval: 0, rotate: 15 } },
                    yAxis: { type: 'value', minInterval: 1 },
                    series: [{ type: 'bar', data: [...byProgram.values()] }],
                  }}
                />
              </Card>
            </Col>
          </Row>
          <Card title="办件分组 Case grouping">
            <Select mode="multiple" style={{ minWidth: 480 }} value={caseGroupBy} options={DIMENSIONS} onChange={(value: StatsDimension[]) => value.length > 0 && setCaseGroupBy(value)} />
          </Card>
          <FigureTable
            title={`办件 Cases — 共 ${data.caseStats.total}，最小分组 ${data.caseStats.minGroupSize}`}
            name="cases"
            rows={data.caseStats.rows}
            columns={[
              ...(caseGroupBy.includes('DEPARTMENT') ? [{ title: '部门 Department', value: (row: (typeof data.caseStats.rows)[number]) => label(DEPARTMENT, row.department) }] : []),
              ...(caseGroupBy.includes('SERVICE') ? [{ title: '事项 Service', value: (row: (typeof data.caseStats.rows)[number]) => label(SERVICE, row.service) }] : []),
              ...(caseGroupBy.includes('STATUS') ? [{ title: '状态 Status', value: (row: (typeof data.caseStats.rows)[number]) => label(CASE_STATUS, row.status) }] : []),
              ...(caseGroupBy.includes('OVERDUE') ? [{ title: '逾期 Overdue', value: (row: (typeof data.caseStats.rows)[number]) => (row.overdue == null ? '—' : row.overdue ? '逾期' : '未逾期') }] : []),
              ...(caseGroupBy.includes('WEEK') ? [{ title: '受理周 Week', value: (row: (typeof data.caseStats.rows)[number]) => row.week ?? '—' }] : []),
              ...(caseGroupBy.includes('PROGRAM') ? [{ title: '项目 Program', value: (row: (typeof data.caseStats.rows)[number]) => label(PROGRAM, row.program) }] : []),
              ...(caseGroupBy.includes('DISTRICT') ? [{ title: '区 District', value: (row: (typeof data.caseStats.rows)[number]) => row.district ?? '—' }] : []),
              { title: '数量 Count', value: (row) => countCell(row, data.caseStats.minGroupSize) },
              { title: '平均用时（工作日）Avg days taken', value: (row) => (row.avgWorkingDaysTaken == null ? '—' : row.avgWorkingDaysTaken.toFixed(1)) },
              { title: '时限（工作日）Limit', value: (row) => (row.limitWorkingDays == null ? '—' : row.limitWorkingDays.toFixed(1)) },
            ]}
          />
          <FigureTable
            title={`人才卡申领（项目 × 环节 × 逾期）Card applications — 共 ${data.cardApplicationStats.total}`}
            name="card-applications"
            rows={data.cardApplicationStats.rows}
            columns={[
              { title: '项目 Program', value: (row) => label(PROGRAM, row.program) },
              { title: '环节 Stage', value: (row) => row.stage ?? '—' },
              { title: '逾期 Overdue', value: (row) => (row.overdue ? '逾期' : '未逾期') },
              { title: '数量 Count', value: (row) => countCell(row, data.cardApplicationStats.minGroupSize) },
            ]}
          />
          <Row gutter={[16, 16]}>
            {departmentFigures.map(([department, rows]) => (
              <Col span={12} key={department}>
                <FigureTable
                  title={`${label(DEPARTMENT, department)}`}
                  name={`department-${department.toLowerCase()}`}
                  rows={rows}
                  columns={[
                    { title: '指标 Metric', value: (row) => row.label },
                    { title: '分组 Key', value: (row) => row.keyLabel ?? row.key ?? '合计' },
                    { title: '数量 Count', value: (row) => (row.suppressed ? '（已隐藏 suppressed）' : (row.count ?? 0)) },
                  ]}
                />
                {rows.some((row) => row.suppressed) ? <Tag>部分小组已隐藏</Tag> : null}
              </Col>
            ))}
          </Row>
        </>
      ) : null}
    </Space>
  );
}

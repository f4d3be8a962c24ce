// 部门待办 A department's queue (its staff only): the department's open tasks with their due
// dates, oldest due first, and the actions of each step. The graph decides what staff may read
// (their own department's part of a case) and do (their own department's steps).
import { Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery, type CombinedError, type OperationResult } from 'urql';
import { departmentLabel, enumLabel, ITEM_STATUS, label, SERVICE, stepLabel, TEXT } from '../../kit/messages';
import { Refusal } from '../../kit/Refusal';
import * as ops from './operations';

interface Action {
  label: string;
  run(): Promise<OperationResult>;
}

interface QueueRow {
  key: string;
  caseId: string;
  talent: string;
  item: string;
  status: string;
  step: string | null;
  dueOn: string;
  overdueDays: number;
  detail: string;
  actions: Action[];
}

const OPEN = new Set(['RECEIVED', 'IN_PROGRESS']);

interface CaseNode {
  id: string;
  talent?: { name?: string | null } | null;
  items: { service: string; overdue: boolean; overdueWorkingDays: number }[];
}

function row(node: CaseNode, task: { id: string; item: string; status: string; step?: string | null; dueOn: string }, detail: string, actions: Action[]): QueueRow {
  const item = node.items.find((candidate) => candidate.service === task.item);
  return { key: task.id, caseId: node.id, talent: node.talent?.name ?? '—', item: task.item, status: task.status, step: task.step ?? null, dueOn: task.dueOn, overdueDays: item?.overdue ? item.overdueWorkingDays : 0, detail, actions };
}

export function QueuePage({ department }: { department: string }) {
  const mine = department.toUpperCase();
  const [household, refetchHousehold] = useQuery({ query: ops.HouseholdQueueQuery, pause: mine !== 'HOUSEHOLD' });
  const [education, refetchEducation] = useQuery({ query: ops.EducationQueueQuery, pause: mine !== 'EDUCATION' });
  const [health, refetchHealth] = useQuery({ query: ops.HealthQueueQuery, pause: mine !== 'HEALTH' });
  const [legal, refetchLegal] = useQuery({ query: ops.LegalQueueQuery, pause: mine !== 'LEGAL' });
  const [housing, refetchHousing] = useQuery({ query: ops.HousingQueueQuery, pause: mine !== 'HOUSING' });
  const [customs, refetchCustoms] = useQuery({ query: ops.CustomsQueueQuery, pause: mine !== 'CUSTOMS' });
  const [, advanceHukou] = useMutation(ops.AdvanceHukouTransferMutation);
  const [, waitlistEnrolment] = useMutation(ops.WaitlistEnrolmentMutation);
  const [, placeEnrolment] = useMutation(ops.PlaceEnrolmentMutation);
  const [, checkupDone] = useMutation(ops.RecordCheckupDoneMutation);
  const [, answerLegal] = useMutation(ops.AnswerLegalConsultationMutation);
  const [, closeLegal] = useMutation(ops.CloseLegalConsultationMutation);
  const [, waitlistApartment] = useMutation(ops.WaitlistApartmentMutation);
  const [, airportServed] = useMutation(ops.RecordAirportServiceServedMutation);
  const [, advanceExitEntry] = useMutation(ops.AdvanceExitEntryItemMutation);
  const [actionError, setActionError] = useState<CombinedError | undefined>();

  const rows: QueueRow[] = [];
  for (const { node } of household.data?.cases.edges ?? []) {
    for (const task of node.household ?? []) {
      if (!OPEN.has(task.status)) continue;
      const actions = task.transfers.filter((transfer) => transfer.currentStep).map((transfer) => ({ label: `办结「${enumLabel('HukouStep', transfer.currentStep)}」：${transfer.applicant.name ?? ''}`, run: () => advanceHukou({ id: transfer.id }) }));
      rows.push(row(node, task, task.transfers.map((transfer) => `${transfer.applicant.name ?? '—'} ${transfer.currentStep ? enumLabel('HukouStep', transfer.currentStep) : enumLabel('HukouTransferStatus', transfer.status)}`).join('；'), actions));
    }
  }
  for (const { node } of education.data?.cases.edges ?? []) {
    for (const task of node.education ?? []) {
      if (!OPEN.has(task.status) || !task.enrolment) continue;
      const enrolment = task.enrolment;
      rows.push(row(node, task, `${enumLabel('SchoolLevel', enrolment.level)} · ${enumLabel('SchoolEnrolmentStatus', enrolment.status)}`, [
        { label: `安排学位：${enrolment.preferredSchool ?? ''}`, run: () => placeEnrolment({ id: enrolment.id, school: enrolment.preferredSchool ?? '' }) },
        { label: '候补 Waitlist', run: () => waitlistEnrolment({ id: enrolment.id }) },
      ]));
    }
  }
  for (const { node } of health.data?.cases.edges ?? []) {
    for (const task of node.health ?? []) {
      if (!OPEN.has(task.status)) continue;
      const booking = task.checkupBooking;
      rows.push(row(node, task, booking ? `体检 ${booking.scheduledOn} · ${enumLabel('CheckupBookingStatus', booking.status)}` : '', booking ? [{ label: '体检完成 Checkup done', run: () => checkupDone({ id: booking.id }) }] : []));
    }
  }
  for (const { node } of legal.data?.cases.edges ?? []) {
    for (const task of node.legal ?? []) {
      if (!OPEN.has(task.status) || !task.consultation) continue;
      const consultation = task.consultation;
      rows.push(row(node, task, enumLabel('LegalConsultationStatus', consultation.status), [
        { label: '答复 Answer', run: () => answerLegal({ id: consultation.id }) },
        { label: '办结 Close', run: () => closeLegal({ id: consultation.id }) },
      ]));
    }
  }
  for (const { node } of housing.data?.cases.edges ?? []) {
    for (const task of node.housing ?? []) {
      if (!OPEN.has(task.status) || !task.application) continue;
      const application = task.application;
      rows.push(row(node, task, `${application.project} · ${enumLabel('TalentApartmentApplicationStatus', application.status)}`, [{ label: '列入轮候 Waitlist', run: () => waitlistApartment({ id: application.id }) }]));
    }
  }
  for (const { node } of customs.data?.cases.edges ?? []) {
    for (const task of node.customs ?? []) {
      if (!OPEN.has(task.status)) continue;
      const actions: Action[] = [];
      if (task.booking) actions.push({ label: '已服务 Served', run: () => airportServed({ id: task.booking!.id }) });
      if (task.exitEntryItem) actions.push({ label: '推进一步 Advance', run: () => advanceExitEntry({ id: task.exitEntryItem!.id }) });
      rows.push(row(node, task, task.booking ? `航班 ${new Date(task.booking.flightTime).toLocaleString('zh-CN')}` : task.exitEntryItem ? enumLabel('ExitEntryItemStatus', task.exitEntryItem.status) : '', actions));
    }
  }
  rows.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const results = [household, education, health, legal, housing, customs];
  const error = results.find((result) => result.error)?.error;
  const fetching = results.some((result) => result.fetching);
  const refetch = () => [refetchHousehold, refetchEducation, refetchHealth, refetchLegal, refetchHousing, refetchCustoms][['HOUSEHOLD', 'EDUCATION', 'HEALTH', 'LEGAL', 'HOUSING', 'CUSTOMS'].indexOf(mine)]?.({ requestPolicy: 'network-only' });

  const perform = async (action: Action) => {
    const result = await action.run();
    setActionError(result.error);
    if (!result.error) refetch();
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>部门待办 Queue — {departmentLabel(department)}</Typography.Title>
      <Refusal error={error} title="读取失败（could not load）" />
      <Refusal error={actionError} />
      <Card title={`待办事项 Open tasks — ${rows.length}`}>
        <Table
          data-testid="queue"
          size="small"
          rowKey="key"
          loading={fetching}
          dataSource={rows}
          locale={{ emptyText: '没有待办（nothing to do）' }}
          pagination={{ pageSize: 25 }}
          columns={[
            { title: '事项 Item', dataIndex: 'item', render: (value: string) => label(SERVICE, value) },
            { title: '人才 Talent', dataIndex: 'talent' },
            { title: '状态 Status', render: (_, task) => <>{label(ITEM_STATUS, task.status)} {task.step ? <Tag color="blue">{stepLabel(task.step)}</Tag> : null}</> },
            { title: '时限 Due', dataIndex: 'dueOn' },
            { title: '逾期 Overdue', dataIndex: 'overdueDays', render: (value: number) => (value > 0 ? <Tag color="red">{value}{TEXT.workingDays}</Tag> : null) },
            { title: '情况 Detail', dataIndex: 'detail' },
            {
              title: '操作 Actions',
              render: (_, task) => (
                <Space wrap>
                  {task.actions.map((action) => (
                    <Popconfirm key={action.label} title={`确认：${action.label}？`} okText={TEXT.confirm} cancelText={TEXT.cancel} onConfirm={() => perform(action)}>
                      <Button size="small">{action.label}</Button>
                    </Popconfirm>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

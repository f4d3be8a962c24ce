// One case (统一建档): every department's part side by side from one query (the gateway fetches
// them in parallel), the timeline, pending 容缺 materials with their deadline, and the window's
// actions — deliver, supply materials, withdraw, retry a failed hand-over — each confirmed first,
// each refusal shown with its rule and clause.
import { Alert, Button, Card, Col, Descriptions, Input, List, Popconfirm, Row, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';
import type { MaterialCode } from '../../gql/graphql';
import { forbiddenPaths } from '../../kit/errors';
import { CASE_STATUS, DEPARTMENT, EVENT_KIND, ITEM_STATUS, label, PROGRAM, SERVICE, TEXT } from '../../kit/messages';
import { Refusal } from '../../kit/Refusal';
import { Link } from '../../kit/router';
import { DepartmentPart } from './DepartmentPart';
import { CasePageQuery, DeliverCaseMutation, RetryCaseDeliveryMutation, SupplyCaseMaterialsMutation, WithdrawCaseMutation } from './operations';

const DEPARTMENTS = ['household', 'education', 'health', 'legal', 'housing', 'customs'] as const;

export function CasePage({ id }: { id: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: CasePageQuery, variables: { id } });
  const [deliverState, deliver] = useMutation(DeliverCaseMutation);
  const [supplyState, supply] = useMutation(SupplyCaseMaterialsMutation);
  const [withdrawState, withdraw] = useMutation(WithdrawCaseMutation);
  const [retryState, retry] = useMutation(RetryCaseDeliveryMutation);
  const [reason, setReason] = useState('');
  const [lastError, setLastError] = useState<CombinedError | undefined>();
  const hidden = forbiddenPaths(error);

  const act = async (run: () => Promise<{ error?: CombinedError }>) => {
    const result = await run();
    setLastError(result.error);
    if (!result.error) refetch({ requestPolicy: 'network-only' });
  };

  if (fetching && !data) return <Typography.Text>{TEXT.loading}</Typography.Text>;
  const found = data?.case;
  if (!found) {
    return (
      <Space orientation="vertical">
        <Refusal error={error} />
        {data ? <Alert type="warning" title={`没有这个办件（no case ${id}）`} /> : null}
      </Space>
    );
  }
  const pending = found.pendingMaterials.filter((material) => !material.suppliedAt);
  const open = !['DELIVERED', 'WITHDRAWN', 'REJECTED'].includes(found.status);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>
        办件 Case {found.id.slice(-8)} <Tag color={found.status === 'DELIVERED' ? 'green' : 'blue'} data-testid="case-status">{label(CASE_STATUS, found.status)}</Tag>
        {found.overdue ? <Tag color="red">逾期 {found.overdueWorkingDays} 个工作日</Tag> : null}
      </Typography.Title>
      <Refusal error={error} title="部分内容读取失败（part of the case could not be read）" />
      <Descriptions bordered size="small" column={3}>
        <Descriptions.Item label="人才 Talent">{found.talent ? <Link to={`/talents/${found.talent.id}`}>{found.talent.name ?? '—'}</Link> : '—'}</Descriptions.Item>
        <Descriptions.Item label="项目 Program">{label(PROGRAM, found.talent?.program)}</Descriptions.Item>
        <Descriptions.Item label="专员 Specialist">{found.specialist ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="受理 Accepted">{new Date(found.acceptedAt).toLocaleString('zh-CN')}</Descriptions.Item>
        <Descriptions.Item label="最晚办结 Due">{found.dueOn}</Descriptions.Item>
        <Descriptions.Item label="交付 Delivered">{found.deliveredAt ? new Date(found.deliveredAt).toLocaleString('zh-CN') : '—'}</Descriptions.Item>
      </Descriptions>

      <Card title="窗口操作 Actions">
        <Space wrap>
          <Popconfirm
            title="确认统一交付？Deliver this case?"
            description="各部门均已办结，交付后不可撤回。"
            okText={TEXT.confirm}
            cancelText={TEXT.cancel}
            onConfirm={() => act(() => deliver({ caseId: found.id }))}
          >
            <Button type="primary" disabled={found.status !== 'READY_FOR_DELIVERY'} loading={deliverState.fetching}>统一交付 Deliver</Button>
          </Popconfirm>
          <Popconfirm title="确认重新分派失败的事项？Send failed parts again?" okText={TEXT.confirm} cancelText={TEXT.cancel} onConfirm={() => act(() => retry({ caseId: found.id }))}>
            <Button disabled={!found.deliveryFailed} loading={retryState.fetching}>重新分派 Retry delivery</Button>
          </Popconfirm>
          <Input style={{ width: 240 }} placeholder="撤回原因 Reason for withdrawal" value={reason} onChange={(event) => setReason(event.target.value)} />
          <Popconfirm title="确认撤回该办件？Withdraw this case?" okText={TEXT.confirm} cancelText={TEXT.cancel} onConfirm={() => act(() => withdraw({ caseId: found.id, reason }))}>
            <Button danger disabled={!open} loading={withdrawState.fetching}>撤回 Withdraw</Button>
          </Popconfirm>
        </Space>
        <div style={{ marginTop: 12 }}>
          <Refusal error={lastError} />
        </div>
      </Card>

      {pending.length > 0 ? (
        <Card title="容缺待补材料 Materials still to supply (002 二（一）2)">
          <List
            size="small"
            dataSource={pending}
            renderItem={(material) => (
              <List.Item
                actions={[
                  <Popconfirm
                    key="supply"
                    title={`确认已收到「${material.name}」？`}
                    okText={TEXT.confirm}
                    cancelText={TEXT.cancel}
                    onConfirm={() => act(() => supply({ caseId: found.id, materials: [material.code as MaterialCode] }))}
                  >
                    <Button size="small" loading={supplyState.fetching}>已补齐 Supplied</Button>
                  </Popconfirm>,
                ]}
              >
                {material.name} — 承诺期限 {material.promisedBy}
              </List.Item>
            )}
          />
        </Card>
      ) : null}

      <Card title="各事项 Items">
        <Row gutter={[12, 12]}>
          {found.items.map((item) => (
            <Col span={8} key={item.service}>
              <Card size="small" title={label(SERVICE, item.service)} extra={<Tag>{label(ITEM_STATUS, item.status)}</Tag>}>
                <div>{label(DEPARTMENT, item.department)}</div>
                <div>最晚办结 {item.dueOn} {item.overdue ? <Tag color="red">逾期 {item.overdueWorkingDays} 个工作日</Tag> : null}</div>
                {item.step ? <div>步骤 {item.step}</div> : null}
                {item.note ? <div>{item.note}</div> : null}
                {item.reason ? <Alert type="warning" title={item.reason} /> : null}
                {item.delivery.state === 'FAILED' ? <Alert type="error" title={`分派失败 ${item.delivery.attempts} 次：${item.delivery.lastError ?? ''}`} /> : null}
              </Card>
            </Col>
          ))}
        </Row>
      </Card>

      <Card title="各部门办理情况（并行）Every department's part, side by side">
        <Row gutter={[12, 12]}>
          {DEPARTMENTS.map((department) => (
            <Col span={8} key={department}>
              <DepartmentPart department={department} tasks={found[department]} forbidden={hidden.has(`case.${department}`)} />
            </Col>
          ))}
        </Row>
      </Card>

      <Card title="办件档案 Timeline (统一建档)">
        <Timeline
          items={found.timeline.map((event) => ({
            content: (
              <span>
                {new Date(event.at).toLocaleString('zh-CN')} · {label(EVENT_KIND, event.kind)}
                {event.department ? ` · ${label(DEPARTMENT, event.department)}` : ''}
                {event.service ? ` · ${label(SERVICE, event.service)}` : ''}
                {event.message ? ` — ${event.message}` : ''}
              </span>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

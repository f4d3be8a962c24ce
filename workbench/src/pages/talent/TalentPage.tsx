// 人才 360: the whole talent in one query, ID number and phone masked; "show full" only for the
// roles the graph allows it (the holder, the window), each such read audited by the graph.
import { Alert, Button, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from 'urql';
import { forbiddenPaths } from '../../kit/errors';
import { CARD_STATUS, CASE_STATUS, label, PROGRAM, RELATION, SERVICE, TEXT } from '../../kit/messages';
import { Refusal } from '../../kit/Refusal';
import { Link } from '../../kit/router';
import { useToken } from '../../kit/token';
import { TalentFullContactQuery, TalentPageQuery } from './operations';

/** Who the registry gives the full number to (subgraphs/talent pii rules): the holder and the window. */
const FULL_CONTACT_ROLES = ['coordinator', 'specialist', 'talent'];

export function TalentPage({ id }: { id: string }) {
  const { claims } = useToken();
  const [{ data, error, fetching }] = useQuery({ query: TalentPageQuery, variables: { id } });
  const [full, showFull] = useQuery({ query: TalentFullContactQuery, variables: { id }, pause: true });
  const hidden = forbiddenPaths(error);
  const shown = (path: string, value: string | null | undefined) => (hidden.has(path) ? <Tag>{TEXT.forbidden}</Tag> : (value ?? '—'));
  if (fetching && !data) return <Typography.Text>{TEXT.loading}</Typography.Text>;
  const talent = data?.talent;
  if (!talent) return <Space orientation="vertical"><Refusal error={error} />{data ? <Alert type="warning" title={`没有这位人才（no talent ${id}）`} /> : null}</Space>;
  const fullTalent = full.data?.talent;
  const mayShowFull = claims ? FULL_CONTACT_ROLES.includes(claims.role) : false;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>人才 {shown('talent.name', talent.name)} · 360</Typography.Title>
      <Refusal error={error} title="部分内容无权查看或读取失败（part of the talent could not be read）" />
      <Card title="登记信息 Registry">
        <Descriptions bordered size="small" column={3}>
          <Descriptions.Item label="姓名 Name">{shown('talent.name', talent.name)}</Descriptions.Item>
          <Descriptions.Item label="项目 Program">{label(PROGRAM, talent.program)}</Descriptions.Item>
          <Descriptions.Item label="区 District">{talent.district}</Descriptions.Item>
          <Descriptions.Item label="证件号码 ID number">
            <span data-testid="id-number">{fullTalent?.idDocument?.number ?? shown('talent.idDocument', talent.idDocument?.number)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="电话 Phone">
            <span data-testid="phone">{fullTalent?.phone ?? shown('talent.phone', talent.phone)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="单位 Employer">{shown('talent.employer', talent.employer)}</Descriptions.Item>
          <Descriptions.Item label="主卡 Main card">
            {shown('talent.mainCard.number', talent.mainCard.number)} <Tag>{label(CARD_STATUS, talent.mainCard.status)}</Tag> 至 {talent.mainCard.expiresOn}
          </Descriptions.Item>
          <Descriptions.Item label="申领条件 Eligibility">{talent.mainCard.eligibility.label}（{talent.mainCard.eligibility.source}）</Descriptions.Item>
        </Descriptions>
        {mayShowFull ? (
          <Button style={{ marginTop: 12 }} loading={full.fetching} onClick={() => showFull({ requestPolicy: 'network-only' })}>
            显示完整号码（将记录审计）Show full numbers (audited)
          </Button>
        ) : null}
        <Refusal error={full.error} />
      </Card>
      <Row gutter={16}>
        <Col span={12}>
          <Card title="家庭成员与副卡 Family and affiliated cards">
            <Table size="small" pagination={false} rowKey="id" dataSource={talent.family} columns={[
              { title: '姓名', render: (_, member, index) => shown(`talent.family.${index}.name`, member.name) },
              { title: '关系', dataIndex: 'relation', render: (value: string) => label(RELATION, value) },
              { title: '未成年', dataIndex: 'minor', render: (value: boolean) => (value ? '是' : '否') },
              { title: '副卡', dataIndex: 'cardNumber', render: (value: string | null) => value ?? '—' },
            ]} />
          </Card>
        </Col>
        <Col span={12}>
          <Card title="办件 Cases (统一建档)">
            <Table size="small" pagination={false} rowKey="id" dataSource={talent.cases} columns={[
              { title: '办件', dataIndex: 'id', render: (caseId: string) => <Link to={`/cases/${caseId}`}>{caseId.slice(-8)}</Link> },
              { title: '状态', dataIndex: 'status', render: (value: string) => label(CASE_STATUS, value) },
              { title: '事项', render: (_, row) => row.items.map((item) => <Tag key={item.service}>{label(SERVICE, item.service)}</Tag>) },
              { title: '逾期', dataIndex: 'overdue', render: (value: boolean) => (value ? <Tag color="red">逾期</Tag> : null) },
            ]} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col span={8}>
          <Card size="small" title="落户 Household">
            {hidden.has('talent.household') ? <Tag>{TEXT.forbidden}</Tag> : (talent.household?.transfers ?? []).map((transfer) => (
              <div key={transfer.id}>{transfer.applicant.name ?? '—'}（{label(RELATION, transfer.applicant.relation)}）{transfer.status} {transfer.currentStep ?? ''}</div>
            ))}
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title="子女入学 Education">
            {hidden.has('talent.education') ? <Tag>{TEXT.forbidden}</Tag> : (talent.education?.enrolments ?? []).map((enrolment) => (
              <div key={enrolment.id}>{enrolment.child.name ?? '—'} · {enrolment.level} · {enrolment.status}</div>
            ))}
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title="医疗保健 Health">
            {hidden.has('talent.health') ? <Tag>{TEXT.forbidden}</Tag> : talent.health?.checkup ? `${talent.health.checkup.year} 年体检：已用 ${talent.health.checkup.used}，剩余 ${talent.health.checkup.remaining}` : '—'}
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title="法律顾问 Legal">{hidden.has('talent.legal') ? <Tag>{TEXT.forbidden}</Tag> : `办理中咨询 ${talent.legal?.openCount ?? 0} 件`}</Card>
        </Col>
        <Col span={8}>
          <Card size="small" title="人才公寓 Housing">
            {hidden.has('talent.housing') ? <Tag>{TEXT.forbidden}</Tag> : (
              <>
                <div>资格 {talent.housing?.eligibility?.eligible ? '符合' : '不符合'}</div>
                {(talent.housing?.applications ?? []).map((application) => <div key={application.id}>{application.project} · {application.status}{application.waitlistPosition ? ` · 轮候第 ${application.waitlistPosition} 位` : ''}</div>)}
              </>
            )}
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title="便捷通关 Customs">
            {hidden.has('talent.customs') ? <Tag>{TEXT.forbidden}</Tag> : talent.customs?.airportService ? `${talent.customs.airportService.year} 年接送机：已用 ${talent.customs.airportService.used} / ${talent.customs.airportService.allowed}` : '—'}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

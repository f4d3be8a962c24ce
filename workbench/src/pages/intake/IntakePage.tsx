// 统一受理 The intake window (004 第七、八条; 002 二): find the talent, choose the items, see every
// material and every problem at once (一次性告知), tick what was supplied, fill each item's form,
// and submit once — with a request key, so a double click or a retry makes one case. A refusal's
// problems are shown on the fields they belong to.
import { Alert, Button, Card, Checkbox, Col, Form, Input, List, Result, Row, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';
import type { MaterialCode, ServiceCode } from '../../gql/graphql';
import { problemsOf } from '../../kit/errors';
import { CARD_STATUS, DEPARTMENT, label, PROGRAM, SERVICE } from '../../kit/messages';
import { Refusal } from '../../kit/Refusal';
import { Link } from '../../kit/router';
import { useToken } from '../../kit/token';
import { errorsByField } from './fieldErrors';
import { ItemFormFields, toItemInput } from './ItemForms';
import { IntakeRequirementsQuery, IntakeSetupQuery, SubmitCaseMutation, TalentSearchQuery } from './operations';

/** A request key for one submission (crypto.getRandomValues works on a plain-http intranet too). */
function newRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `wb-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

interface IntakeValues {
  items?: ServiceCode[];
  materials?: MaterialCode[];
  promisedBy?: string;
  statement?: string;
  specialist?: string;
  forms?: Record<string, Record<string, unknown>>;
}

export function IntakePage() {
  const { claims } = useToken();
  const [form] = Form.useForm<IntakeValues>();
  const [search, setSearch] = useState('');
  const [talentId, setTalentId] = useState<string | null>(null);
  const [requestKey, setRequestKey] = useState(newRequestKey);
  const [refusal, setRefusal] = useState<CombinedError | undefined>();
  const [created, setCreated] = useState<{ id: string; dueOn: string; pendingMaterials: { name: string; promisedBy: string }[] } | null>(null);
  const items = Form.useWatch('items', form) ?? [];
  const materials = Form.useWatch('materials', form) ?? [];

  const [searched] = useQuery({ query: TalentSearchQuery, variables: { search }, pause: search.trim().length === 0 });
  const [setup] = useQuery({ query: IntakeSetupQuery, variables: { talentId: talentId ?? '' }, pause: !talentId });
  const [requirements] = useQuery({ query: IntakeRequirementsQuery, variables: { items, talentId }, pause: !talentId || items.length === 0 });
  const [submitted, submit] = useMutation(SubmitCaseMutation);

  const talent = setup.data?.talent ?? null;
  const catalog = setup.data?.serviceCatalog ?? [];
  const required = requirements.data?.requirements;
  const missingNonKey = useMemo(() => (required?.materials ?? []).filter((material) => !material.key && !materials.includes(material.code)), [required, materials]);

  const choose = (id: string) => {
    setTalentId(id);
    setRefusal(undefined);
    setRequestKey(newRequestKey());
    form.resetFields();
  };

  const onSubmit = async () => {
    if (!talent) return;
    const values = form.getFieldsValue(true) as IntakeValues;
    const services = values.items ?? [];
    // Clear the previous refusal's marks before the graph answers again.
    form.setFields(form.getFieldsError().filter((field) => field.errors.length > 0).map((field) => ({ name: field.name, errors: [] })));
    const result = await submit({
      input: {
        requestKey,
        talentId: talent.id,
        items: services.map((service) => toItemInput(service, values.forms?.[service] ?? {}, talent.family, talent.name ?? '')),
        materials: values.materials ?? [],
        deferral: missingNonKey.length > 0 && (values.promisedBy || values.statement) ? { promisedBy: values.promisedBy ?? '', statement: values.statement ?? '' } : null,
        specialist: values.specialist?.trim() || claims?.subject || null,
      },
    });
    setRefusal(result.error);
    if (result.error) form.setFields(errorsByField(problemsOf(result.error), services));
    else if (result.data) setCreated(result.data.submitCase);
  };

  if (created) {
    return (
      <Result
        status="success"
        title="已受理 Case accepted"
        subTitle={
          <span data-testid="created-case">
            办件 <Link to={`/cases/${created.id}`}>{created.id}</Link>，最晚办结日 {created.dueOn}
            {created.pendingMaterials.length > 0 ? `；容缺待补：${created.pendingMaterials.map((material) => `${material.name}（${material.promisedBy} 前）`).join('、')}` : ''}
          </span>
        }
        extra={
          <Button
            onClick={() => {
              setCreated(null);
              setTalentId(null);
              setSearch('');
              setRequestKey(newRequestKey());
              form.resetFields();
            }}
          >
            受理下一件 Next
          </Button>
        }
      />
    );
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>统一受理 Intake window</Typography.Title>
      <Card title="1. 人才 Talent">
        <Input.Search placeholder="姓名或单位 Name or employer" enterButton="查找 Search" onSearch={(value) => setSearch(value.trim())} style={{ maxWidth: 420 }} aria-label="查找人才" />
        <Refusal error={searched.error} />
        {searched.data ? (
          <List
            data-testid="talent-results"
            size="small"
            dataSource={searched.data.talents.edges.map((edge) => edge.node)}
            locale={{ emptyText: '没有找到（no talent found）' }}
            renderItem={(node) => (
              <List.Item actions={[<Button key="pick" type={node.id === talentId ? 'primary' : 'default'} onClick={() => choose(node.id)}>选择 Choose</Button>]}>
                {node.name ?? '—'} · {label(PROGRAM, node.program)} · {node.district} · {node.employer ?? ''} · 卡 {label(CARD_STATUS, node.mainCard.status)}（至 {node.mainCard.expiresOn}）
              </List.Item>
            )}
          />
        ) : null}
      </Card>

      {talent ? (
        <Form form={form} layout="vertical">
          <Card title={`2. 事项 Items — ${talent.name ?? ''}（${label(PROGRAM, talent.program)}）`}>
            <Form.Item name="items">
              <Checkbox.Group>
                <Row gutter={[8, 8]}>
                  {catalog.map((item) => (
                    <Col span={8} key={item.code}>
                      <Checkbox value={item.code}>
                        {item.name} <Tag>{label(DEPARTMENT, item.department)}</Tag> {item.timeLimitWorkingDays} 个工作日
                        {!item.programs.includes(talent.program) ? <Tag color="orange">本项目不适用</Tag> : null}
                      </Checkbox>
                    </Col>
                  ))}
                </Row>
              </Checkbox.Group>
            </Form.Item>
          </Card>

          {required ? (
            <Card title="3. 一次性告知 Everything needed, at once (004 第八条)" style={{ marginTop: 16 }}>
              {required.problems.length > 0 ? (
                <Alert
                  type="warning"
                  showIcon
                  title="该人才已有的问题 Problems already known"
                  description={<ul>{required.problems.map((problem, index) => <li key={index}>{problem.message}{problem.item ? `（${label(SERVICE, problem.item)}）` : ''} 依据 {problem.source}</li>)}</ul>}
                  style={{ marginBottom: 12 }}
                />
              ) : null}
              <Form.Item name="materials" label="已提交材料（勾选）Materials supplied">
                <Checkbox.Group>
                  <Space orientation="vertical">
                    {required.materials.map((material) => (
                      <Checkbox key={material.code} value={material.code}>
                        {material.name} {material.key ? <Tag color="red">关键 key</Tag> : <Tag>可容缺 non-key</Tag>}
                        <span style={{ color: '#888' }}>（{material.neededFor.map((code) => label(SERVICE, code)).join('、')}）</span>
                      </Checkbox>
                    ))}
                  </Space>
                </Checkbox.Group>
              </Form.Item>
              <Button size="small" onClick={() => form.setFieldValue('materials', required.materials.map((material) => material.code))}>全部已提交 All supplied</Button>
              {missingNonKey.length > 0 ? (
                <Row gutter={12} style={{ marginTop: 12 }}>
                  <Col span={8}><Form.Item name="promisedBy" label="容缺承诺补齐期限 Promised by"><Input type="date" /></Form.Item></Col>
                  <Col span={16}><Form.Item name="statement" label="容缺承诺书 Written promise"><Input.TextArea rows={2} /></Form.Item></Col>
                </Row>
              ) : null}
            </Card>
          ) : null}

          {items.length > 0 ? (
            <Card title="4. 各事项表单 Each item's form" style={{ marginTop: 16 }}>
              <Row gutter={[16, 16]}>
                {items.map((service) => (
                  <Col span={12} key={service}>
                    <Card size="small" title={label(SERVICE, service)} data-testid={`form-${service}`}>
                      <ItemFormFields service={service} family={talent.family} />
                    </Card>
                  </Col>
                ))}
              </Row>
            </Card>
          ) : null}

          <Card style={{ marginTop: 16 }}>
            <Form.Item name="specialist" label="窗口专员 Specialist"><Input placeholder={claims?.subject} style={{ maxWidth: 300 }} /></Form.Item>
            <Refusal error={refusal} title="未受理：请按提示补正（not accepted: see each field）" />
            <Button type="primary" size="large" style={{ marginTop: 12 }} loading={submitted.fetching} disabled={items.length === 0} onClick={onSubmit}>
              提交受理 Submit
            </Button>
          </Card>
        </Form>
      ) : null}
    </Space>
  );
}

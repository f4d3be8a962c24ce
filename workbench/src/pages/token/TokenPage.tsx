// 令牌 Sign-in for development: paste a token (npm run token) or mint one here through the
// gateway's development-only route (off in production, where the identity provider signs users in
// and sends them back with #access_token=…). Shows the role and department the token carries.
import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { homeOf } from '../../kit/Layout';
import { DEPARTMENT, departmentLabel, label, ROLE } from '../../kit/messages';
import { navigate } from '../../kit/router';
import { readClaims, setToken, useToken } from '../../kit/token';

/** The gateway's development-only token route (gateway/workbench.ts). */
export const DEV_TOKEN_PATH = '/workbench/dev-token';

interface MintForm {
  role: string;
  department?: string;
  talentId?: string;
  subject?: string;
}

export function TokenPage() {
  const { token, claims } = useToken();
  const [pasted, setPasted] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const use = (value: string) => {
    if (!readClaims(value)) {
      setProblem('这不是有效的令牌（not a token this workbench can read）');
      return;
    }
    setProblem(null);
    setToken(value);
    navigate(homeOf(readClaims(value)?.role));
  };

  const mint = async (values: MintForm) => {
    const response = await fetch(DEV_TOKEN_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(values) });
    const body = (await response.json().catch(() => ({}))) as { token?: string; errors?: { message: string }[] };
    if (!response.ok || !body.token) {
      setProblem(body.errors?.[0]?.message ?? `无法生成令牌（${response.status}）`);
      return;
    }
    use(body.token);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 900 }}>
      <Typography.Title level={3}>令牌 Token</Typography.Title>
      {claims ? (
        <Card title="当前身份 Signed in as">
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label="角色 Role"><span data-testid="token-role">{label(ROLE, claims.role)}</span></Descriptions.Item>
            <Descriptions.Item label="部门 Department">{departmentLabel(claims.department)}</Descriptions.Item>
            <Descriptions.Item label="用户 Subject">{claims.subject}</Descriptions.Item>
            <Descriptions.Item label="有效至 Expires">{claims.expiresAt?.toLocaleString('zh-CN') ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Button style={{ marginTop: 12 }} onClick={() => setToken(null)}>退出 Sign out</Button>
        </Card>
      ) : (
        <Alert type="info" showIcon title="生产环境中由统一身份认证登录后自动带回令牌；开发时可在此粘贴或生成。In production the identity provider signs you in and returns the token; in development paste or mint one here." />
      )}
      {problem ? <Alert type="error" showIcon title={problem} /> : null}
      <Card title="粘贴令牌 Paste a token (npm run token -- --role coordinator)">
        <Input.TextArea rows={3} value={pasted} onChange={(event) => setPasted(event.target.value)} aria-label="令牌" placeholder="eyJ…" />
        <Button type="primary" style={{ marginTop: 8 }} onClick={() => use(pasted.replace(/^Bearer\s+/i, '').trim())}>使用 Use</Button>
      </Card>
      <Card title="生成开发令牌 Mint a development token (development only)">
        <Form<MintForm> layout="inline" initialValues={{ role: 'coordinator' }} onFinish={mint}>
          <Form.Item name="role" label="角色 Role">
            <Select style={{ width: 220 }} options={Object.entries(ROLE).filter(([role]) => role !== 'service').map(([value, text]) => ({ value, label: text }))} />
          </Form.Item>
          <Form.Item name="department" label="部门 Department">
            <Select allowClear style={{ width: 220 }} options={Object.entries(DEPARTMENT).map(([value, text]) => ({ value: value.toLowerCase(), label: text }))} />
          </Form.Item>
          <Form.Item name="talentId" label="人才编号 Talent id"><Input style={{ width: 220 }} /></Form.Item>
          <Form.Item><Button htmlType="submit">生成并使用 Mint and use</Button></Form.Item>
        </Form>
      </Card>
      {token ? <Typography.Paragraph type="secondary" copyable={{ text: token }}>复制当前令牌 Copy the current token</Typography.Paragraph> : null}
    </Space>
  );
}

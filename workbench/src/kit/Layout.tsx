// The frame of every page: the menu (only the pages the user's role may use) and the bar with
// the user's role and department.
import { Layout as AntLayout, Menu, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { navigate } from './router';
import { departmentLabel, label, ROLE, TEXT } from './messages';
import { useToken } from './token';

export interface PageEntry {
  path: string;
  title: string;
  roles: readonly string[];
}

export const PAGES: readonly PageEntry[] = [
  { path: '/dashboard', title: '督办 Supervision', roles: ['coordinator', 'specialist'] },
  { path: '/cases', title: '办件 Cases', roles: ['coordinator', 'specialist', 'talent'] },
  { path: '/intake', title: '统一受理 Intake', roles: ['coordinator', 'specialist'] },
  { path: '/queue', title: '部门待办 Department queue', roles: ['department_staff'] },
  { path: '/figures', title: '统计 Figures', roles: ['analyst', 'coordinator'] },
  { path: '/token', title: '令牌 Token', roles: ['*'] },
];

/** Where a role starts. */
export function homeOf(role: string | undefined): string {
  return PAGES.find((page) => page.path !== '/token' && role && page.roles.includes(role))?.path ?? '/token';
}

export function Layout({ path, children }: { path: string; children: ReactNode }) {
  const { claims } = useToken();
  const pages = PAGES.filter((page) => page.roles.includes('*') || (claims && page.roles.includes(claims.role)));
  const selected = pages.find((page) => path === page.path || path.startsWith(`${page.path}/`))?.path ?? '';
  return (
    <AntLayout style={{ minHeight: '100vh' }}>
      <AntLayout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#0b3d66' }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
          {TEXT.appTitle}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[selected]}
          style={{ flex: 1, background: 'transparent', minWidth: 0 }}
          items={pages.map((page) => ({ key: page.path, label: page.title }))}
          onClick={({ key }) => navigate(key)}
        />
        <Space data-testid="viewer" style={{ color: '#fff', whiteSpace: 'nowrap' }}>
          {claims ? (
            <>
              <Tag color="gold">{label(ROLE, claims.role)}</Tag>
              {claims.department ? <Tag color="cyan">{departmentLabel(claims.department)}</Tag> : null}
              <span>{claims.subject}</span>
            </>
          ) : (
            <Tag>未登录 Not signed in</Tag>
          )}
        </Space>
      </AntLayout.Header>
      <AntLayout.Content style={{ padding: 24 }}>{children}</AntLayout.Content>
    </AntLayout>
  );
}

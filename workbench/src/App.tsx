// The workbench: one page per address, Ant Design in Chinese, one GraphQL client per token.
import { App as AntApp, ConfigProvider, Result } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useMemo, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createClient } from './kit/client';
import { homeOf, Layout } from './kit/Layout';
import { matchRoute, navigate, useLocationPath } from './kit/router';
import { useToken } from './kit/token';
import { TEXT } from './kit/messages';
import { SupervisionPage } from './pages/supervision/SupervisionPage';
import { CaseListPage } from './pages/cases/CaseListPage';
import { CasePage } from './pages/cases/CasePage';
import { IntakePage } from './pages/intake/IntakePage';
import { TalentPage } from './pages/talent/TalentPage';
import { QueuePage } from './pages/queue/QueuePage';
import { FiguresPage } from './pages/figures/FiguresPage';
import { TokenPage } from './pages/token/TokenPage';

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";

const ROUTES: { pattern: string; render(params: Record<string, string>): ReactNode }[] = [
  { pattern: '/dashboard', render: () => <SupervisionPage /> },
  { pattern: '/cases', render: () => <CaseListPage /> },
  { pattern: '/cases/:id', render: ({ id }) => <CasePage id={id} /> },
  { pattern: '/intake', render: () => <IntakePage /> },
  { pattern: '/talents/:id', render: ({ id }) => <TalentPage id={id} /> },
  { pattern: '/queue', render: () => <QueueRoute /> },
  { pattern: '/figures', render: () => <FiguresPage /> },
  { pattern: '/token', render: () => <TokenPage /> },
];

/** The queue is the signed-in staff member's own department's. */
function QueueRoute() {
  const { claims } = useToken();
  if (claims?.role !== 'department_staff' || !claims.department) return <Result status="403" title="部门待办仅供部门工作人员（department staff only）" />;
  return <QueuePage department={claims.department} />;
}

function Page({ path, signedIn }: { path: string; signedIn: boolean }) {
  if (path === '/token') return <TokenPage />;
  if (!signedIn) return <Result status="403" title="请先登录（sign in first）" subTitle={TEXT.noToken} extra={<a href="/token">令牌 Token</a>} />;
  for (const route of ROUTES) {
    const params = matchRoute(route.pattern, path);
    if (params) return <>{route.render(params)}</>;
  }
  return <Result status="404" title="没有这个页面（not found）" subTitle={path} />;
}

export function App() {
  const path = useLocationPath();
  const { token, claims } = useToken();
  const client = useMemo(() => createClient(token), [token]);
  useEffect(() => {
    if (path === '/') navigate(homeOf(claims?.role));
  }, [path, claims?.role]);
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { fontFamily: FONT } }}>
      <AntApp>
        <Provider value={client}>
          <Layout path={path}>
            <Page key={token ?? ''} path={path} signedIn={Boolean(token)} />
          </Layout>
        </Provider>
      </AntApp>
    </ConfigProvider>
  );
}

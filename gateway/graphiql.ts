// GraphiQL that works with no internet (government intranets): the page and every script it
// loads are served by the gateway itself from installed packages, never from a CDN.
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const require = createRequire(import.meta.url);
const packageFile = (name: string, file: string) => join(dirname(require.resolve(`${name}/package.json`)), file);

const ASSETS: Record<string, { file: string; type: string }> = {
  '/graphiql/react.js': { file: packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  '/graphiql/react-dom.js': { file: packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  '/graphiql/graphiql.js': { file: packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  '/graphiql/graphiql.css': { file: packageFile('graphiql', 'graphiql.min.css'), type: 'text/css' },
};

/** The README's example ("One query, the whole talent"), so the first tab is what the documentation shows. */
export const EXAMPLE_QUERY = `# 人才绿色通道 — 一次查询，六个部门并行返回 (One query, every department's part, side by side)
query TalentView {
  talent(id: "007a1e470000000000000095") {
    name
    program
    mainCard { number status expiresOn }
    household { transfers { applicant { name relation } route status currentStep } }
    education { enrolments { child { name } level status lotteryOutcome } }
    health { checkup { year used remaining unionCheckupAvailable } }
    legal { openCount }
    housing { eligibility { eligible } applications { project status waitlistPosition } }
    customs { airportService { year allowed used remaining } }
  }
}
`;

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>人才绿色通道 GraphiQL · Talent Green Channel</title>
<link rel="stylesheet" href="/graphiql/graphiql.css">
<style>
body{margin:0;height:100vh}#graphiql{height:100vh}
/* The system's fonts with a CJK face (no web fonts on an intranet): Chinese descriptions and answers render. */
.graphiql-container,.CodeMirror{--font-family:system-ui,-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;--font-family-mono:'Fira Code',ui-monospace,monospace,'Noto Sans Mono CJK SC','Noto Sans CJK SC'}
</style>
</head>
<body>
<div id="graphiql">正在加载 GraphiQL… (loading)</div>
<script src="/graphiql/react.js"></script>
<script src="/graphiql/react-dom.js"></script>
<script src="/graphiql/graphiql.js"></script>
<script>
  // The schema is fetched again whenever the headers change (a pasted token): GraphiQL introspects
  // anew for a new fetcher. Waits until typing pauses, so each keystroke does not ask.
  function Page() {
    const url = window.location.pathname;
    const [fetcher, setFetcher] = React.useState(() => GraphiQL.createFetcher({ url }));
    const pause = React.useRef(null);
    const onEditHeaders = () => {
      clearTimeout(pause.current);
      pause.current = setTimeout(() => setFetcher(() => GraphiQL.createFetcher({ url })), 400);
    };
    return React.createElement(GraphiQL, {
      fetcher,
      onEditHeaders,
      defaultQuery: ${JSON.stringify(EXAMPLE_QUERY)},
      defaultEditorToolsVisibility: 'headers',
      shouldPersistHeaders: true,
    });
  }
  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(Page));
</script>
</body>
</html>
`;

function wantsHtml(request: IncomingMessage): boolean {
  return request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
}

/** Serves the page on a browser's GET /graphql and its assets under /graphiql/ (the workbench has /). */
export function serveGraphiql(request: IncomingMessage, response: ServerResponse): boolean {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const asset = ASSETS[path];
  if (asset) {
    response.setHeader('content-type', `${asset.type}; charset=utf-8`);
    response.setHeader('cache-control', 'public, max-age=86400');
    createReadStream(asset.file).pipe(response);
    return true;
  }
  if (path === '/favicon.ico') {
    response.statusCode = 204;
    response.end();
    return true;
  }
  if (path === '/graphql' && wantsHtml(request)) {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(PAGE);
    return true;
  }
  return false;
}

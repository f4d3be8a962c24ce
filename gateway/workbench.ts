// The workbench (工作台), served by the gateway itself with no internet (government intranets): the
// built single-page app from workbench/dist (npm run workbench:build), its hashed assets cached for
// good, index.html for every page address, the operations manifest for the persisted-query cache,
// and — in development only — a route that mints a token for the token page.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import type { Role } from '../subgraphs/kit/context';
import { DEPARTMENT_NAMES, type DepartmentName } from '../subgraphs/kit/departments';
import { issueToken, ROLES, type IdentityConfig } from '../subgraphs/kit/identity';
import { sendJson } from '../subgraphs/kit/http';
import { readSafelist } from './hardening';

/** The app's own addresses (workbench/src/App.tsx); any other browser page request gets index.html too. */
export const WORKBENCH_ROUTES = ['/', '/dashboard', '/cases', '/cases/:id', '/intake', '/talents/:id', '/queue', '/figures', '/token'];
export const DEV_TOKEN_PATH = '/workbench/dev-token';
export const MANIFEST_FILE = 'persisted-documents.json';
const DEV_TOKEN_TTL_SECONDS = 8 * 3600;

export interface WorkbenchOptions {
  /** The built app (workbench/dist). */
  dir: string;
  /** Development only: mint tokens at DEV_TOKEN_PATH (never in production). */
  devTokens: IdentityConfig | null;
}

function isAppRoute(path: string): boolean {
  return WORKBENCH_ROUTES.some((route) => {
    const wanted = route.split('/').filter(Boolean);
    const parts = path.split('/').filter(Boolean);
    return wanted.length === parts.length && wanted.every((part, index) => part.startsWith(':') || part === parts[index]);
  });
}

/** The operations the built workbench sends (hash → text), for the persisted-query cache; empty when it is not built. */
export function workbenchDocuments(dir: string): Map<string, string> {
  const manifest = join(dir, MANIFEST_FILE);
  if (!existsSync(manifest)) return new Map();
  return new Map([...readSafelist(manifest)].filter((entry): entry is [string, string] => entry[1] !== null));
}

/** Answers the workbench's requests; returns false for anything else (GraphQL, GraphiQL, 404s). */
export function workbenchRoute(options: WorkbenchOptions): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  const index = join(options.dir, 'index.html');
  // Asset names carry their content hash: a browser keeps them for a year. index.html is asked again every time.
  let files: ReturnType<typeof sirv> | null = null;
  const staticFiles = () =>
    (files ??= sirv(options.dir, {
      etag: true,
      maxAge: 31_536_000,
      immutable: true,
      setHeaders: (response, pathname) => {
        if (pathname.endsWith('.html')) response.setHeader('cache-control', 'no-cache');
      },
    }));

  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === DEV_TOKEN_PATH) {
      if (!options.devTokens) return false;
      await mintDevToken(options.devTokens, request, response);
      return true;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const isAsset = url.pathname.startsWith('/assets/');
    const wantsPage = isAppRoute(url.pathname) || ((request.headers.accept ?? '').includes('text/html') && url.pathname !== '/graphql');
    if (!isAsset && !wantsPage) return false;
    if (!existsSync(index)) {
      sendJson(response, 503, { errors: [{ message: '工作台尚未构建：请运行 npm run workbench:build（the workbench is not built）', extensions: { code: 'WORKBENCH_NOT_BUILT' } }] });
      return true;
    }
    if (!isAsset) request.url = '/index.html';
    await new Promise<void>((resolve) => {
      response.once('close', () => resolve());
      staticFiles()(request, response, () => {
        sendJson(response, 404, { errors: [{ message: `没有这个文件：${url.pathname}（not found）`, extensions: { code: 'NOT_FOUND' } }] });
      });
    });
    return true;
  };
}

async function readSmallJson(request: IncomingMessage, limit = 4096): Promise<unknown> {
  let text = '';
  for await (const chunk of request) {
    text += chunk;
    if (text.length > limit) throw new Error('too large');
  }
  return JSON.parse(text || '{}');
}

/** Development only: a token for a role (and department or talent), as `npm run token` prints. */
async function mintDevToken(identity: IdentityConfig, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const refuse = (field: string, message: string) => sendJson(response, 400, { errors: [{ message, extensions: { code: 'BAD_USER_INPUT', field } }] });
  if (request.method !== 'POST') return sendJson(response, 405, { errors: [{ message: '请用 POST（use POST）', extensions: { code: 'BAD_REQUEST' } }] });
  let body: { role?: unknown; department?: unknown; talentId?: unknown; subject?: unknown };
  try {
    body = (await readSmallJson(request)) as typeof body;
  } catch {
    return refuse('body', '请求体须为 JSON（the body must be JSON）');
  }
  const role = String(body.role ?? '') as Role;
  if (!ROLES.includes(role) || role === 'service') return refuse('role', `角色须为 ${ROLES.filter((name) => name !== 'service').join('、')} 之一（unknown role）`);
  const department = body.department ? String(body.department).toLowerCase() : undefined;
  if (role === 'department_staff' && !DEPARTMENT_NAMES.includes(department as DepartmentName)) return refuse('department', `部门工作人员须选择部门：${DEPARTMENT_NAMES.join('、')}（choose a department）`);
  const talentId = body.talentId ? String(body.talentId) : undefined;
  if (role === 'talent' && !/^[0-9a-f]{24}$/.test(talentId ?? '')) return refuse('talentId', '持卡人须填写人才编号（24 位十六进制）（a talent id is required）');
  const subject = typeof body.subject === 'string' && /^[\w.@-]{1,60}$/.test(body.subject) ? body.subject : `${role}-workbench`;
  const token = await issueToken(
    identity,
    { subject, role, department: role === 'department_staff' ? (department as DepartmentName) : undefined, talentId: role === 'talent' ? talentId : undefined },
    Math.min(DEV_TOKEN_TTL_SECONDS, identity.maxTtlSeconds),
  );
  sendJson(response, 200, { token });
}


// npm run token -- --role R [--department D] [--talent ID] [--subject S] [--ttl 8h]
// Prints a development token signed with JWT_SECRET (or the development secret).
import { parseArgs } from 'node:util';
import type { Role } from '../subgraphs/kit/context';
import { DEPARTMENT_NAMES, type DepartmentName } from '../subgraphs/kit/departments';
import { issueToken, readIdentityConfig, ROLES } from '../subgraphs/kit/identity';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    department: { type: 'string' },
    talent: { type: 'string' },
    subject: { type: 'string' },
    ttl: { type: 'string', default: '8h' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const role = values.role as Role;
if (!ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`);
if (role === 'department_staff' && !DEPARTMENT_NAMES.includes(values.department as DepartmentName)) fail(`--department must be one of ${DEPARTMENT_NAMES.join(', ')} for department_staff`);
if (role === 'talent' && !/^[0-9a-f]{24}$/.test(values.talent ?? '')) fail('--talent must be a talent id (24 hex digits) for the talent role');
const ttl = /^(\d+)([smhd])$/.exec(values.ttl ?? '');
if (!ttl) fail('--ttl must look like 30m, 8h or 7d');
const seconds = Number(ttl[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[ttl[2] as 's' | 'm' | 'h' | 'd'];

const token = await issueToken(
  readIdentityConfig(),
  { subject: values.subject ?? `${role}-dev`, role, department: values.department as DepartmentName | undefined, talentId: values.talent },
  seconds,
);
console.log(token);

// npm run token -- --role R [--department D] [--talent ID] [--subject S] [--ttl 8h]
// Prints a development token signed with JWT_SECRET (or the development secret).
import { readOptions } from './command-line';
import type { Role } from '../subgraphs/kit/context';
import { DEPARTMENT_NAMES, type DepartmentName } from '../subgraphs/kit/departments';
import { readDurationSeconds } from '../subgraphs/kit/config';
import { issueToken, readIdentityConfig, ROLES } from '../subgraphs/kit/identity';
const USAGE = `npm run token -- --role ROLE [--department DEPT] [--talent ID] [--subject NAME] [--ttl 8h]

Prints a development token signed with JWT_SECRET (or the development secret).
  --role        ${ROLES.join(' | ')}
  --department  for department_staff: ${DEPARTMENT_NAMES.join(' | ')}
  --talent      for the talent role: the talent's id (24 hex digits)
  --subject     who the token names (default <role>-dev)
  --ttl         how long it lives, e.g. 30m, 8h, 1d (at most JWT_MAX_TTL)`;


const values = readOptions(
  USAGE,
  {
      role: { type: 'string' },
      department: { type: 'string' },
      talent: { type: 'string' },
      subject: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
    },
);

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const role = values.role as Role;
if (!ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`);
if (role === 'department_staff' && !DEPARTMENT_NAMES.includes(values.department as DepartmentName)) fail(`--department must be one of ${DEPARTMENT_NAMES.join(', ')} for department_staff`);
if (role === 'talent' && !/^[0-9a-f]{24}$/.test(values.talent ?? '')) fail('--talent must be a talent id (24 hex digits) for the talent role');
const identity = readIdentityConfig();
let seconds = 0;
try {
  seconds = readDurationSeconds({ ttl: values.ttl }, 'ttl', 0);
} catch {
  fail('--ttl must look like 30m, 8h or 1d');
}
if (seconds > identity.maxTtlSeconds) fail(`--ttl may be at most ${identity.maxTtlSeconds / 3600}h: a longer token is refused (JWT_MAX_TTL)`);

const token = await issueToken(
  identity,
  { subject: values.subject ?? `${role}-dev`, role, department: values.department as DepartmentName | undefined, talentId: values.talent },
  seconds,
);
console.log(token);

// The benchmark's pure helpers: reading /metrics, the direct client's plan, the profile summary,
// the table. No figure of a run is asserted anywhere (issue 12: the benchmark is a script).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { departmentFieldRequires, directPlan, entitiesAt, representationFor } from './direct-plan';
import { requestsOf } from './load';
import { parseBenchOptions } from './options';
import { topSelfTime, type CpuProfile } from './profile';
import { countsOf, lessIdle, parsePrometheus, requestCosts } from './prometheus';
import { BENCH_QUERIES } from './queries';
import { combineRounds, formatTable, median, type RunFigures } from './report';
import { cpuSeconds } from './stack';

const supergraph = readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8');

describe('reading a subgraph\'s /metrics', () => {
  const text = [
    '# HELP graphql_requests_total GraphQL requests received',
    'graphql_requests_total{operation="BenchTalentView__health__4",outcome="ok"} 12',
    'graphql_requests_total{operation="RecordAuditEvents",outcome="ok"} 3',
    'mongodb_command_duration_seconds_count{collection="checkup_bookings",command="find",outcome="ok"} 12',
    'mongodb_command_duration_seconds_count{collection="audit_outbox",command="insert",outcome="ok"} 12',
    'mongodb_command_duration_seconds_count{collection="audit_outbox",command="update",outcome="ok"} 40',
    'mongodb_command_duration_seconds_count{collection="audit_events",command="insert",outcome="ok"} 5',
    'mongodb_command_duration_seconds_count{collection="",command="ping",outcome="ok"} 9',
    'outbox_pending_messages{outbox="audit_outbox",destination="talent"} 2',
    'mongodb_command_duration_seconds_count{collection="report_outbox",command="find",outcome="ok"} 7',
    'mongodb_command_duration_seconds_bucket{collection="checkup_bookings",command="find",outcome="ok",le="0.001"} 4',
  ].join('\n');

  it('counts requests and commands by key, background work apart', () => {
    expect(Object.fromEntries(countsOf(parsePrometheus(text)))).toEqual({
      'requests BenchTalentView__health__4': 12,
      'audit handovers': 3,
      'db find checkup_bookings': 12,
      'audit outbox inserts': 12,
      'audit archive inserts': 5,
      'outbox pending': 2,
    });
  });

  it('turns counts into costs: the window\'s own archive inserts are those beyond the hand-overs it took', () => {
    expect(requestCosts(countsOf(parsePrometheus(text)))).toEqual({ subgraphRequests: 12, dbCommands: 12, auditWrites: 12 + (5 - 3) });
  });

  it('takes the idle rate out of a run, never below zero', () => {
    const run = new Map([['db find case_tasks', 10], ['db find cases', 1]]);
    expect(Object.fromEntries(lessIdle(run, new Map([['db find case_tasks', 2], ['db find cases', 1]]), 3))).toEqual({ 'db find case_tasks': 4, 'db find cases': 0 });
  });

  it('reads escaped label values', () => {
    expect(parsePrometheus('m{a="x\\"y"} 1')).toEqual([{ name: 'm', labels: { a: 'x"y' }, value: 1 }]);
  });
});

describe('the direct client\'s plan', () => {
  const requires = departmentFieldRequires(supergraph);

  it('reads which department fields @require the program', () => {
    expect(requires.get('Talent.health')).toEqual(['program']);
    expect(requires.get('Talent.customs')).toEqual(['program']);
    expect(requires.get('Talent.household')).toEqual([]);
  });

  it('asks the window for the talents without department parts, then each department for its part of every one', () => {
    const plan = directPlan(BENCH_QUERIES.dashboard.document, requires);
    expect(plan.entityType).toBe('Talent');
    expect(plan.entityPath).toEqual(['talents', 'edges', 'node']);
    expect(plan.departments.map((fetch) => fetch.department).sort()).toEqual(['customs', 'education', 'health', 'household', 'housing', 'legal']);
    expect(plan.rootDocument).not.toMatch(/household|checkup/);
    expect(plan.addedFields).toEqual([]);
    expect(plan.departments.find((fetch) => fetch.department === 'legal')!.document).toBe(
      'query BenchDashboard__legal($representations: [_Any!]!) { _entities(representations: $representations) { ... on Talent { legal {\n  openCount\n  totalThisYear\n} } } }',
    );
  });

  it('adds the fields representations need when the operation does not ask for them, to remove them from the answer', () => {
    const plan = directPlan('query Q { talent(id: "1") { name health { priorityCare } } }', requires);
    expect(plan.addedFields).toEqual(['id', 'program']);
    expect(plan.rootDocument).toContain('program');
  });

  it('plans the catalog as the window alone', () => {
    expect(directPlan(BENCH_QUERIES.catalog.document, requires).departments).toEqual([]);
  });

  it('finds the entities of an answer and makes their representations', () => {
    const data = { talents: { totalCount: 2, edges: [{ node: { id: 'a', program: 'P' } }, { node: { id: 'b', program: 'Q' } }] } };
    const entities = entitiesAt(data, ['talents', 'edges', 'node']);
    expect(entities.map((entity) => representationFor(entity, 'Talent', ['program']))).toEqual([
      { __typename: 'Talent', id: 'a', program: 'P' },
      { __typename: 'Talent', id: 'b', program: 'Q' },
    ]);
    expect(entitiesAt({ talent: null }, ['talent'])).toEqual([]);
  });
});

describe('the CPU profile summary', () => {
  const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 9, columnNumber: 0 });
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame('(root)') },
      { id: 2, callFrame: frame('(idle)') },
      { id: 3, callFrame: frame('parse', 'file:///x/node_modules/graphql/language/parser.js') },
      { id: 4, callFrame: frame('plan', 'file:///x/node_modules/@apollo/query-planner/dist/buildPlan.js') },
    ],
    startTime: 0,
    endTime: 10_000,
    samples: [3, 2, 4, 3, 3],
    timeDeltas: [0, 1000, 1000, 1000, 1000],
  };

  it('charges each sample to the function on top, leaves idle out, and sorts by self time', () => {
    expect(topSelfTime(profile, 15)).toEqual([
      { name: 'parse graphql/parser.js:10', selfMs: 2, percent: (2 / 3) * 100 },
      { name: 'plan @apollo/query-planner/buildPlan.js:10', selfMs: 1, percent: (1 / 3) * 100 },
    ]);
  });
});

describe('the table', () => {
  const run = (target: string, requestsPerSecond: number, p99Ms: number): RunFigures => ({
    query: 'talent', target, requestsPerSecond, p50Ms: 10, p99Ms, answers: 100, sent: 100, failures: 0, withErrors: 0,
    subgraphRequestsPerRequest: 7, dbCommandsPerRequest: 14, auditWritesPerRequest: 4, targetCpuMsPerRequest: 5, stackCpuMsPerRequest: 20, rssMb: 200, counts: new Map(), drained: true, auditClearedSeconds: 1,
  });

  it('gives each target its ratios to ours on the same query', () => {
    const lines = formatTable([run('ours', 100, 50), run('stock', 50, 100), { query: 'talent', target: 'hive', skipped: 'not run' }]).split('\n');
    expect(lines[2]).toBe('| talent | ours | 100.0 | 10 | 50 | 1.00× | 1.00× | 7.00 | 14.00 | 4.00 | 5.0 | 20.0 | 1 | 200 | 0 | 0 |');
    expect(lines[3]).toBe('| talent | stock | 50.0 | 10 | 100 | 0.50× | 2.00× | 7.00 | 14.00 | 4.00 | 5.0 | 20.0 | 1 | 200 | 0 | 0 |');
    expect(lines[4].startsWith('| talent | hive | not run |')).toBe(true);
    expect(lines[4].split('|')).toHaveLength(lines[2].split('|').length);
  });
});

describe('rounds', () => {
  const round = (requestsPerSecond: number, rssMb: number | null, auditClearedSeconds: number | null): RunFigures => ({
    query: 'talent', target: 'ours', requestsPerSecond, p50Ms: requestsPerSecond / 2, p99Ms: requestsPerSecond, answers: 10, sent: 10, failures: 1, withErrors: 0,
    subgraphRequestsPerRequest: 7, dbCommandsPerRequest: 9, auditWritesPerRequest: 3, targetCpuMsPerRequest: 1000 / requestsPerSecond, stackCpuMsPerRequest: 12, rssMb, counts: new Map([['requests', 70]]), drained: true, auditClearedSeconds,
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('makes one row of a query\'s rounds through a target: medians, the highest memory, the slowest clearing, sums', () => {
    const row = combineRounds([round(30, 200, 1), round(10, 250, 2), round(20, null, 0)]);
    expect(row).toMatchObject({ requestsPerSecond: 20, p50Ms: 10, p99Ms: 20, targetCpuMsPerRequest: 1000 / 20, stackCpuMsPerRequest: 12, sent: 30, failures: 3, rssMb: 250, auditClearedSeconds: 2, drained: true });
    expect(row.counts.get('requests')).toBe(210);
    expect(combineRounds([round(30, 200, 1), round(10, 250, null)]).auditClearedSeconds).toBeNull();
  });
});

describe('the options', () => {
  it('always runs ours, since ratios are to ours, and refuses unknown names', () => {
    expect(parseBenchOptions(['--targets', 'hive', '--duration', '2']).targets).toEqual(['ours', 'hive']);
    expect(() => parseBenchOptions(['--queries', 'talent,everything'])).toThrow(/--queries/);
    expect(parseBenchOptions([])).toMatchObject({ connections: 20, duration: 5, rounds: 1, queries: ['talent', 'dashboard', 'cases', 'catalog'] });
    expect(parseBenchOptions(['--rounds', '3']).rounds).toBe(3);
    expect(() => parseBenchOptions(['--rounds', 'many'])).toThrow(/--rounds/);
  });
});

describe('--spread', () => {
  const settings = { authorization: 'Bearer one', talentId: 't1', spread: { authorizations: ['Bearer a', 'Bearer b', 'Bearer c', 'Bearer d'], talentIds: ['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8'] } };
  const talentOf = (request: { body: string }) => (JSON.parse(request.body) as { variables: { id: string } }).variables.id;

  it('gives each connection its own coordinator, and the talent view every talent from a different start', () => {
    const first = requestsOf(BENCH_QUERIES.talent, settings, 0);
    const second = requestsOf(BENCH_QUERIES.talent, settings, 1);
    expect(first.map(talentOf)).toEqual(['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8']);
    expect(second.map(talentOf)).toEqual(['t3', 't4', 't5', 't6', 't7', 't8', 't1', 't2']);
    expect(new Set(first.map((request) => request.headers.authorization))).toEqual(new Set(['Bearer a']));
    expect(second[0].headers.authorization).toBe('Bearer b');
    // A fifth connection wraps around to the first coordinator.
    expect(requestsOf(BENCH_QUERIES.talent, settings, 4)[0].headers.authorization).toBe('Bearer a');
  });

  it('sends the other views as they are, one per connection, with its coordinator', () => {
    expect(requestsOf(BENCH_QUERIES.dashboard, settings, 2)).toEqual([{ headers: { 'content-type': 'application/json', authorization: 'Bearer c' }, body: expect.stringContaining('"first":100') }]);
  });

  it('without it, every connection sends the one request', () => {
    const plain = { ...settings, spread: null };
    expect(requestsOf(BENCH_QUERIES.talent, plain, 3)).toEqual(requestsOf(BENCH_QUERIES.talent, plain, 0));
    expect(requestsOf(BENCH_QUERIES.talent, plain, 0).map(talentOf)).toEqual(['t1']);
  });
});

describe('CPU time', () => {
  it('reads this process\'s user and system time from /proc, and none for a process that is not there', () => {
    const before = cpuSeconds([process.pid]);
    expect(before).not.toBeNull();
    // Busy work until the kernel's 10 ms tick has charged some of it.
    let spun = 0;
    while (cpuSeconds([process.pid])! === before) spun += Math.sqrt(spun + 1);
    expect(cpuSeconds([process.pid])!).toBeGreaterThan(before!);
    expect(cpuSeconds([process.pid, undefined])).toBeNull();
    expect(cpuSeconds([2 ** 22 + 1])).toBeNull();
  });
});

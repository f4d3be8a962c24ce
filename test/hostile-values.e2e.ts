// Careless and hostile values (a fuzz run's findings): an impossible Date or DateTime is refused at
// the gateway, naming the variable and the place in it, before any department is asked — not
// reported as a department that "cannot be reached"; text with control characters or a lone UTF-16
// surrogate is refused by the subgraph that owns the argument (kit/input-text.ts), naming the
// argument path, never an internal error and never stored altered — and every subgraph refuses it
// when called directly with a service token too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../subgraphs/kit/departments';
import { inputFormat } from '../subgraphs/kit/input-format';
import { BAIYUN, itemsReach, legalItem, staff, withTestTalents } from './cases';
import { startHarness, type GraphQLResponse, type Harness } from './harness';
import { bearer, COORDINATOR, tokenFor } from './tokens';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
});
afterAll(() => harness.stop());

async function post(query: string, variables: Record<string, unknown> = {}) {
  harness.resetCounters();
  const response = await fetch(harness.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...(await bearer(COORDINATOR)) }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as GraphQLResponse, asked: Object.values(harness.requestCounts()).reduce((sum, count) => sum + count, 0) };
}

const AUDIT_UNTIL = 'query Audit($to: DateTime) { auditEvents(filter: { to: $to }) { totalCount } }';
const SUBMIT = 'mutation Submit($input: SubmitCaseInput!) { submitCase(input: $input) { id } }';
let submissions = 0;
const legalCase = (topic: string, deferral?: unknown) => ({
  requestKey: `hostile-values-${(submissions += 1)}`,
  talentId: BAIYUN,
  items: [{ service: 'LEGAL_CONSULTATION', legalConsultation: { ...legalItem.legalConsultation, topic } }],
  materials: ['TALENT_CARD', 'CONSULTATION_SUMMARY'],
  ...(deferral ? { deferral } : {}),
});

describe('dates the calendar does not have', () => {
  it('a DateTime variable: 400 BAD_USER_INPUT naming the variable, no department asked', async () => {
    expect(await post(AUDIT_UNTIL, { to: '2026-13-45T99:99:99Z' })).toEqual({
      status: 400,
      body: {
        errors: [{
          message: '变量 $to 的值无效（invalid value for variable $to）：DateTime 格式不正确："2026-13-45T99:99:99Z"（expected ISO 8601 with offset）',
          extensions: { code: 'BAD_USER_INPUT', field: 'to', variable: 'to' },
        }],
      },
      asked: 0,
    });
    const valid = await post(AUDIT_UNTIL, { to: '2026-01-01T00:00:00+08:00' });
    expect(valid.body.errors).toBeUndefined();
    expect(valid.asked).toBe(1);
  });

  it('a Date inside an input object: the path to it', async () => {
    const { status, body, asked } = await post(SUBMIT, { input: legalCase('合同审查', { promisedBy: '2026-02-30', statement: '承诺补齐' }) });
    expect({ status, asked }).toEqual({ status: 400, asked: 0 });
    expect(body.errors).toEqual([{
      message: '变量 $input 中的 deferral.promisedBy 的值无效（invalid value for deferral.promisedBy in variable $input）：Date 格式不正确："2026-02-30"（expected YYYY-MM-DD）',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.deferral.promisedBy', variable: 'input' },
    }]);
  });

  it('a literal in the query: a validation error with its place', async () => {
    const { status, body, asked } = await post('{ auditEvents(filter: { to: "2026-13-45T99:99:99Z" }) { totalCount } }');
    expect({ status, asked }).toEqual({ status: 400, asked: 0 });
    expect(body.errors).toEqual([{
      message: 'Expected value of type "DateTime", found "2026-13-45T99:99:99Z"; DateTime 格式不正确："2026-13-45T99:99:99Z"（expected ISO 8601 with offset）',
      locations: [{ line: 1, column: 29 }],
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    }]);
  });
});

describe('text with control characters or broken UTF-16', () => {
  it('a NUL in a search: BAD_USER_INPUT naming filter.search, not an internal error', async () => {
    const { body } = await post('{ talents(filter: { search: "\\u0000" }) { totalCount } }');
    expect(body).toEqual({
      data: null,
      errors: [{
        message: 'filter.search 含有不允许的控制字符 U+0000（filter.search contains the control character U+0000, which is not allowed）',
        path: ['talents'],
        extensions: { code: 'BAD_USER_INPUT', field: 'filter.search', character: 'U+0000', ...inputFormat('INPUT_CONTROL_CHARACTER'), serviceName: 'talent' },
      }],
    });
  });

  it('a lone surrogate or only line breaks in a form: refused naming the form field, and no case stored', async () => {
    const before = await harness.query<{ cases: { totalCount: number } }>('{ cases { totalCount } }');
    const surrogate = await post(SUBMIT, { input: legalCase('合同\uD800审查') });
    expect(surrogate.body.errors?.map((error) => [error.extensions?.code, error.extensions?.field])).toEqual([['BAD_USER_INPUT', 'input.items.0.legalConsultation.topic']]);
    expect(surrogate.body.errors?.[0].message).toContain('lone UTF-16 surrogate U+D800');
    const blank = await post(SUBMIT, { input: legalCase('\r\n\t') });
    expect(blank.body.errors?.map((error) => [error.extensions?.code, error.extensions?.field])).toEqual([['BAD_USER_INPUT', 'input.items.0.legalConsultation.topic']]);
    expect(await harness.query('{ cases { totalCount } }')).toEqual(before);
  });

  it('a topic over several lines is kept as written, down to the legal office', async () => {
    const topic = '劳动合同纠纷咨询\n第二条：试用期\t六个月';
    const submitted = await post(SUBMIT, { input: legalCase(topic) });
    expect(submitted.body.errors).toBeUndefined();
    await itemsReach(harness, (submitted.body.data as { submitCase: { id: string } }).submitCase.id, { LEGAL_CONSULTATION: ['RECEIVED', 'IN_PROGRESS'] });
    const read = await harness.query(`{ talent(id: "${BAIYUN}") { legal { consultations { topic } } } }`, {}, await staff('legal'));
    expect(read).toEqual({ data: { talent: { legal: { consultations: [{ topic }] } } } });
  });

  it.each(SUBGRAPH_NAMES)('%s, called directly with a service token, refuses a NUL in an entity key', async (name) => {
    const response = await fetch(harness.subgraphs[name].url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor({ subject: 'svc', role: 'service' })}` },
      body: JSON.stringify({
        query: 'query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }',
        variables: { representations: [{ __typename: 'Talent', id: `${BAIYUN.slice(0, 23)}\u0000` }] },
      }),
    });
    const body = (await response.json()) as GraphQLResponse;
    expect(body.errors?.map((error) => [error.extensions?.code, error.extensions?.field])).toEqual([['BAD_USER_INPUT', 'representations.0.id']]);
  });
});

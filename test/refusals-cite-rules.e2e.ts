// Every refusal names its rule and its source (004 第八条 一次性告知; 第十一条 回告原因): at the window
// and in every department, each problem of a BAD_USER_INPUT carries `rule` and `source` — a seed clause,
// or for a mistake of form alone the one input-format source (subgraphs/kit/input-format.ts). Walks
// representative refusals through the gateway, as staff and talents meet them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../subgraphs/kit/dates';
import { LIWAN, PARENT } from '../subgraphs/talent/cases/fixtures';
import { BAIYUN, staff, SUBMIT, withTestTalents } from './cases';
import { startHarness, type GraphQLResponse, type Harness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
});
afterAll(() => harness.stop());

type Department = Parameters<typeof staff>[0];
interface Refusal {
  what: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Signed in as this department's staff; the coordinator otherwise. */
  as?: Department;
}

interface Cited {
  field?: unknown;
  rule?: unknown;
  source?: unknown;
}

/** Each problem of the refusal (or the error itself, when it lists none) as [field, rule, source]. */
function citations(result: GraphQLResponse): Cited[] {
  const error = result.errors?.[0];
  expect(error?.extensions?.code, JSON.stringify(result.errors)).toBe('BAD_USER_INPUT');
  const problems = error?.extensions?.problems as Cited[] | undefined;
  return problems ?? [error!.extensions as Cited];
}

async function expectEveryRefusalCited(refusals: Refusal[]): Promise<void> {
  const uncited: string[] = [];
  for (const refusal of refusals) {
    const result = await harness.query(refusal.query, refusal.variables, refusal.as ? await staff(refusal.as) : undefined);
    for (const { field, rule, source } of citations(result)) {
      const cited = typeof rule === 'string' && /^[A-Z][A-Z0-9_]+$/.test(rule) && typeof source === 'string' && source.trim() !== '';
      if (!cited) uncited.push(`${refusal.what}: ${String(field)} rule=${String(rule)} source=${String(source)}`);
    }
  }
  expect(uncited).toEqual([]);
}

const today = () => todayInChina(harness.clock.now());
const hoursAhead = (hours: number) => new Date(harness.clock.now().getTime() + hours * 3_600_000).toISOString();
const submit = (what: string, input: Record<string, unknown>): Refusal => ({ what, query: SUBMIT, variables: { input: { requestKey: `cite-${what.replace(/\W/g, '')}`.padEnd(8, '0'), talentId: BAIYUN, materials: ['TALENT_CARD'], ...input } } });

describe('the window (talent subgraph)', () => {
  it('cites a rule and a source for every problem of a refused case and its other refusals', async () => {
    const airport = { direction: 'DEPARTURE', flightNumber: 'CZ-31', flightTime: hoursAhead(48), passengers: Array.from({ length: 11 }, () => '陈思远'), greeters: [' '], vehiclePlates: ['ABC-123'], checkedLuggage: false, nameSign: true, contactPhone: '12345' };
    const apartment = { district: '白云区', project: '白云人才公寓', householdSize: 0, declarations: [{ personName: '林晓燕', relation: 'SPOUSE', city: '广州市', homesOwned: 100 }] };
    await expectEveryRefusalCited([
      submit('requestKey', { requestKey: 'short', items: [] }),
      submit('unknownTalent', { talentId: 'ffffffffffffffffffffffff', items: [] }),
      submit('forms', {
        items: [
          { service: 'AIRPORT_VIP_DOMESTIC', airportService: airport },
          { service: 'TALENT_APARTMENT', talentApartment: apartment },
          { service: 'FREE_ANNUAL_CHECKUP', checkup: { preferredDate: addDays(today(), -1), hospital: null } },
          { service: 'KINDERGARTEN_ENROLMENT', schoolEnrolment: { childId: PARENT, level: 'PRIMARY', schoolYear: 1999, district: '白云区', preferredSchool: '' } },
          { service: 'LEGAL_CONSULTATION', checkup: { preferredDate: today(), hospital: null } },
          { service: 'HUKOU_TRANSFER_HOLDER', hukouTransfer: { familyMemberIds: [PARENT], dependentChildIds: [PARENT], route: 'PLANNED_GUIDANCE', targetAddress: '', policeStation: '景泰派出所' } },
          { service: 'HUKOU_TRANSFER_HOLDER', hukouTransfer: { familyMemberIds: [], route: 'PLANNED_GUIDANCE', targetAddress: '白云区', policeStation: '景泰派出所' } },
        ],
        specialist: '专'.repeat(61),
        deferral: { promisedBy: today(), statement: '诺' },
      }),
      submit('nothingMissing', { items: [], deferral: { promisedBy: addDays(today(), 3), statement: '本人承诺补齐' } }),
      { what: 'malformed talent id', query: `{ talent(id: "x") { id } }` },
      { what: 'page size', query: `{ talents(first: 101) { totalCount } }` },
      { what: 'forged cursor', query: `{ talents(after: "forged") { totalCount } }` },
      { what: 'affiliated card for a stranger', query: `mutation { issueAffiliatedCard(talentId: "${LIWAN}", familyMemberId: "ffffffffffffffffffffffff") { id } }` },
    ]);
  });
});

describe('every department', () => {
  it('cites a rule and a source for its direct services and its staff steps', async () => {
    const child = { name: '王小明', relation: 'CHILD', gender: 'MALE', birthDate: '2020-05-01' };
    const year = Number(today().slice(0, 4));
    await expectEveryRefusalCited([
      { what: 'household reject', as: 'household', query: `mutation { rejectHukouTransfer(id: "ffffffffffffffffffffffff", reason: " ") { id } }` },
      { what: 'household malformed id', as: 'household', query: `mutation { advanceHukouTransfer(id: "x") { id } }` },
      {
        what: 'education direct',
        query: `mutation($input: ApplySchoolEnrolmentInput!) { applySchoolEnrolment(input: $input) { id } }`,
        variables: { input: { talentId: BAIYUN, program: 'BAIYUN_YUNJU', child, level: 'KINDERGARTEN', schoolYear: year, district: '白云区', preferredSchool: '广州市白云区京溪小学' } },
      },
      { what: 'education shape', query: `mutation($input: ApplySchoolEnrolmentInput!) { applySchoolEnrolment(input: $input) { id } }`, variables: { input: { talentId: 'x', program: 'BAIYUN_YUNJU', child: { ...child, name: ' ' }, level: 'PRIMARY', schoolYear: 1999, district: '', preferredSchool: '' } } },
      { what: 'education lottery', as: 'education', query: `mutation { recordKindergartenLottery(id: "ffffffffffffffffffffffff", won: false, school: "京溪幼儿园") { id } }` },
      { what: 'health checkup', query: `mutation { bookCheckup(input: { talentId: "x", program: BAIYUN_YUNJU, kind: HEALTH_CHECKUP, preferredDate: "${today()}", hospital: "" }) { id } }` },
      { what: 'legal direct', query: `mutation { requestLegalConsultation(input: { talentId: "${BAIYUN}", program: BAIYUN_YUNJU, topic: " ", category: CONSULTATION, personalMatter: true, channel: PHONE }) { id } }` },
      { what: 'legal counsel', as: 'legal', query: `mutation { assignLegalCounsel(id: "ffffffffffffffffffffffff", counsel: { name: " ", role: LAWYER, office: "" }) { id } }` },
      {
        what: 'housing direct',
        query: `mutation($input: TalentApartmentApplicationInput!) { applyForTalentApartment(input: $input) { id } }`,
        variables: { input: { talentId: BAIYUN, program: 'BAIYUN_YUNJU', district: '白云区', project: '白云人才公寓', householdSize: 1, declarations: [{ personName: '陈思远', relation: 'HOLDER', city: '广州市', homesOwned: 0 }] } },
      },
      { what: 'housing reject', as: 'housing', query: `mutation { rejectApartmentApplication(id: "ffffffffffffffffffffffff", reason: " ") { id } }` },
      { what: 'housing unit', as: 'housing', query: `mutation { allocateApartment(id: "ffffffffffffffffffffffff", unit: { building: "", unitNumber: "1", areaSqm: 0 }) { id } }` },
      {
        what: 'customs direct',
        query: `mutation($input: BookAirportServiceInput!) { bookAirportService(input: $input) { id } }`,
        variables: { input: { talentId: BAIYUN, program: 'BAIYUN_YUNJU', scope: 'DOMESTIC', direction: 'DEPARTURE', flightNumber: 'CZ3101', flightTime: hoursAhead(1), passengers: [{ name: '陈思远' }], greeters: [], vehicles: [{ plate: 'ABC-123' }], checkedLuggage: false, nameSign: true, contactPhone: '123' } },
      },
      { what: 'customs change', query: `mutation { changeAirportServiceBooking(id: "ffffffffffffffffffffffff", input: {}) { id } }` },
      { what: 'customs exit-entry reason', as: 'customs', query: `mutation { rejectExitEntryItem(id: "ffffffffffffffffffffffff", reason: " ") { id } }` },
    ]);
  });
});

// 个人信息保护 (issue 4): ID numbers and phones are masked by default; the full value only for the
// holder, the window and services, and only when asked for (full: true); analysts see neither.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../test/subgraph-fixture';
import { TestClock, testEnvironment } from '../../test/environment';
import { todayInChina } from '../kit/dates';
import type { Viewer } from '../kit/context';
import { buildTalentSubgraph } from './server';
import { BAIYUN, LIWAN, insertTestTalents } from './cases/fixtures';
import { maskIdNumber, maskPhone } from '../kit/pii';
import { auditEntries, createAuditTrail } from '../kit/audit';
import { execute, parse } from 'graphql';

let fixture: SubgraphFixture;
const clock = new TestClock();
const QUERY = `query($id: ID!, $full: Boolean!) { talent(id: $id) { phone(full: $full) idDocument { number(full: $full) } family { idDocument { number(full: $full) } } } }`;

beforeAll(async () => {
  fixture = await openSubgraphFixture(buildTalentSubgraph, testEnvironment({}, clock));
  await insertTestTalents(fixture.connection, todayInChina(clock.now()));
});
afterAll(() => fixture.close());

const ask = (viewer: Viewer, full: boolean, id = BAIYUN) => fixture.run<{ talent: { phone: string | null; idDocument: { number: string | null }; family: { idDocument: { number: string | null } }[] } }>(QUERY, { id, full }, viewer);
const coordinator: Viewer = { subject: 'c', role: 'coordinator' };
const staff: Viewer = { subject: 's', role: 'department_staff', department: 'housing' };
const holder: Viewer = { subject: 't', role: 'talent', talentId: BAIYUN };
const analyst: Viewer = { subject: 'a', role: 'analyst' };

describe('personal data', () => {
  it('masks ID numbers and phones', () => {
    expect(maskIdNumber('44011119840618123X')).toBe('4401**********123X');
    expect(maskPhone('13800138000')).toBe('138****8000');
  });

  it('shows everyone allowed a masked value by default', async () => {
    for (const viewer of [coordinator, staff, holder]) {
      const result = await ask(viewer, false);
      expect(result.errors).toBeUndefined();
      expect(result.data!.talent.phone).toBe('138****8000');
      expect(result.data!.talent.idDocument.number).toBe('4401**********1239');
    }
  });

  it('gives the full value, asked for, to the window and to the holder', async () => {
    for (const viewer of [coordinator, holder]) {
      const result = await ask(viewer, true);
      expect(result.errors).toBeUndefined();
      expect(result.data!.talent).toMatchObject({ phone: '13800138000', idDocument: { number: '440111198406181239' } });
      expect(result.data!.talent.family[0].idDocument.number).toBe('440103198602112345');
    }
  });

  it('refuses the full value to department staff and to another talent, with FORBIDDEN on the path', async () => {
    const staffFull = await ask(staff, true);
    expect(staffFull.data!.talent.phone).toBeNull();
    expect(staffFull.errors?.map((error) => [error.path?.join('.'), error.extensions?.code])).toContainEqual(['talent.phone', 'FORBIDDEN']);
    const otherTalent = await ask({ subject: 'o', role: 'talent', talentId: LIWAN }, true);
    expect(otherTalent.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('shows analysts neither ID numbers nor phones, masked or not', async () => {
    const result = await ask(analyst, false);
    expect(result.data!.talent.phone).toBeNull();
    expect(result.data!.talent.idDocument).toBeNull();
    expect(result.data!.talent.family[0].idDocument).toBeNull();
    expect(result.errors!.every((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
    const family = result.data!.talent.family.map((_, index) => `talent.family.${index}.idDocument`);
    expect(result.errors!.map((error) => error.path?.join('.')).sort()).toEqual(['talent.idDocument', 'talent.phone', ...family].sort());
  });

  it('writes every read of a number to the audit trail, full reads marked and refusals too', async () => {
    const audited = async (viewer: Viewer) => {
      const module = buildTalentSubgraph(fixture.connection, testEnvironment({}, clock));
      const trail = createAuditTrail('talent', 'req-1', viewer, () => clock.now());
      await execute({ schema: fixture.schema, document: parse(QUERY), variableValues: { id: BAIYUN, full: true }, contextValue: module.createContext({ requestId: 'req-1', viewer, audit: trail }) });
      return auditEntries(trail.take()).map((event) => [event.subject, event.talentId, event.operation, event.fields, event.outcome]);
    };
    expect(await audited(holder)).toEqual([
      ['t', BAIYUN, 'IdDocument.number', ['IdDocument.number(full)'], 'OK'],
      ['t', BAIYUN, 'Talent.phone', ['Talent.phone(full)'], 'OK'],
    ]);
    expect(await audited(staff)).toEqual([
      ['s', BAIYUN, 'IdDocument.number', ['IdDocument.number(full)'], 'FORBIDDEN'],
      ['s', BAIYUN, 'Talent.phone', ['Talent.phone(full)'], 'FORBIDDEN'],
    ]);
  });
});

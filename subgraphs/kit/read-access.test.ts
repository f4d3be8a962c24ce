// The read levels and the policy check (issue 4), on a small department of its own.
import { execute, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { auditEntries, createAuditTrail } from './audit';
import type { Viewer } from './context';
import { checkReadPolicy, guardReads, mayRead, type ReadLevel, type ReadPolicy } from './read-access';
import { buildSchema, type Resolvers } from './subgraph';

const typeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires"])
  type Talent @key(fields: "id") {
    id: ID!
    program: String @external
    clinic: Clinic @requires(fields: "program")
  }
  type Clinic {
    status: String!
    hospital: String
    doctorNote: String
    tasks: [Task!]
  }
  type Task {
    id: ID!
    talentId: ID!
  }
`);

const policy: ReadPolicy = {
  Talent: { clinic: { level: 'record', audit: true } },
  Clinic: { '*': 'status', hospital: 'detail', doctorNote: 'confidential', tasks: 'record' },
  Task: { '*': 'status' },
};

const OWN = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const OTHER = 'bbbbbbbbbbbbbbbbbbbbbbbb';

const resolvers: Resolvers<never> = {
  Talent: {
    __resolveReference: (reference: { id: string }) => reference,
    clinic: (talent: { id: string }) => ({ status: 'OK', hospital: '白云区人民医院', doctorNote: '血压正常', tasks: [{ id: 't1', talentId: talent.id }] }),
  },
};

const viewers: Record<string, Viewer> = {
  coordinator: { subject: 'c', role: 'coordinator' },
  specialist: { subject: 's', role: 'specialist' },
  ownStaff: { subject: 'h', role: 'department_staff', department: 'health' },
  otherStaff: { subject: 'x', role: 'department_staff', department: 'housing' },
  talent: { subject: 't', role: 'talent', talentId: OWN },
  analyst: { subject: 'a', role: 'analyst' },
  service: { subject: 'svc', role: 'service' },
};

describe('read levels', () => {
  it('widen from confidential to status as the table says', () => {
    const table = (level: ReadLevel) => Object.entries(viewers).filter(([, viewer]) => mayRead(level, viewer, 'health')).map(([name]) => name);
    expect(table('status')).toEqual(['coordinator', 'specialist', 'ownStaff', 'otherStaff', 'talent', 'analyst', 'service']);
    expect(table('identity')).toEqual(['coordinator', 'specialist', 'ownStaff', 'otherStaff', 'talent', 'service']);
    expect(table('detail')).toEqual(['coordinator', 'specialist', 'ownStaff', 'talent', 'service']);
    expect(table('confidential')).toEqual(['ownStaff', 'talent', 'service']);
    expect(table('record')).toEqual(['coordinator', 'specialist', 'ownStaff', 'talent', 'analyst', 'service']);
    expect(mayRead('status', null, 'health')).toBe(false);
  });
});

describe('the policy table', () => {
  it('must give every field a level, name only real fields, and keep restricted fields nullable', () => {
    expect(() => checkReadPolicy('health', typeDefs, policy)).not.toThrow();
    expect(() => checkReadPolicy('health', typeDefs, { ...policy, Task: {} })).toThrow(/Task.id has no read level/);
    expect(() => checkReadPolicy('health', typeDefs, { ...policy, Clinic: { ...policy.Clinic, diagnosis: 'confidential' } })).toThrow(/Clinic.diagnosis has a rule but is not a field/);
    expect(() => checkReadPolicy('health', typeDefs, { ...policy, Clinic: { ...policy.Clinic, status: 'detail' } })).toThrow(/Clinic.status is "detail" but non-null/);
  });
});

describe('guarded resolvers', () => {
  const schema = buildSchema({ typeDefs, resolvers: guardReads('health', typeDefs, resolvers as Resolvers<never>, policy) as Resolvers<never> });
  const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Talent { clinic { status hospital doctorNote tasks { id } } } } }`;
  async function ask(viewer: Viewer, talentId = OWN) {
    const audit = createAuditTrail('health', 'req', viewer, () => new Date('2026-11-24T04:00:00Z'));
    const result = await execute({ schema, document: parse(query), variableValues: { reps: [{ __typename: 'Talent', id: talentId }] }, contextValue: { requestId: 'req', viewer, audit } });
    const forbidden = (result.errors ?? []).map((error) => `${error.path?.slice(2).join('.')}:${error.extensions?.code}`);
    return { data: (result.data?._entities as unknown[])[0], forbidden, audit: auditEntries(audit.take()) };
  }

  it('answers null with FORBIDDEN on exactly the fields the viewer may not see', async () => {
    expect((await ask(viewers.ownStaff)).forbidden).toEqual([]);
    expect((await ask(viewers.coordinator)).forbidden).toEqual(['clinic.doctorNote:FORBIDDEN']);
    expect((await ask(viewers.analyst)).forbidden.sort()).toEqual(['clinic.doctorNote:FORBIDDEN', 'clinic.hospital:FORBIDDEN']);
    expect(await ask(viewers.otherStaff)).toMatchObject({ data: { clinic: null }, forbidden: ['clinic:FORBIDDEN'] });
    expect((await ask(viewers.coordinator)).data).toEqual({ clinic: { status: 'OK', hospital: '白云区人民医院', doctorNote: null, tasks: [{ id: 't1' }] } });
  });

  it('lets a talent into their own record only', async () => {
    expect((await ask(viewers.talent)).forbidden).toEqual([]);
    expect(await ask(viewers.talent, OTHER)).toMatchObject({ data: { clinic: null }, forbidden: ['clinic:FORBIDDEN'] });
  });

  it('audits reads of an audited field, with the fields asked for, refusals included', async () => {
    const [read] = (await ask(viewers.coordinator)).audit;
    expect(read).toMatchObject({ kind: 'READ', subject: 'c', role: 'coordinator', talentId: OWN, operation: 'Talent.clinic', outcome: 'OK', requestId: 'req', source: 'health' });
    expect(read.fields).toEqual(['Talent.clinic.doctorNote', 'Talent.clinic.hospital', 'Talent.clinic.status', 'Talent.clinic.tasks']);
    expect((await ask(viewers.otherStaff)).audit).toMatchObject([{ talentId: OWN, outcome: 'FORBIDDEN' }]);
    expect((await ask(viewers.talent, OTHER)).audit).toMatchObject([{ talentId: OTHER, outcome: 'FORBIDDEN' }]);
    expect((await ask(viewers.service)).audit).toEqual([]);
  });
});

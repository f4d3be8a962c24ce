// The schema check (issue 11): what breaks a department's callers fails, naming the field and why;
// what does not (additions, deprecations, acknowledged changes) passes.
import { describe, expect, it } from 'vitest';
import { checkSchemas, checkSubgraph, parseAcknowledgements } from './schema-check';

const RELEASED = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { consultations(talentId: ID!, first: Int): [Consultation!]! }
  type Consultation @key(fields: "id") { id: ID! topic: String! lawyer: String feeBearing: Boolean! }
`;

describe('the schema check', () => {
  it('passes the committed subgraphs against their released schemas', async () => {
    const result = await checkSchemas();
    expect(result.blocking.map((change) => `${change.subgraph} ${change.path}: ${change.message}`)).toEqual([]);
  });

  it('fails a removed field, a narrowed type and a new required argument, naming each with its reason', async () => {
    const current = RELEASED.replace('lawyer: String ', '')
      .replace('topic: String!', 'topic: ID!')
      .replace('first: Int)', 'first: Int, district: String!)');
    const changes = await checkSubgraph('legal', RELEASED, current);
    const breaking = changes.filter((change) => change.criticality === 'BREAKING');
    expect(breaking.map((change) => change.path).sort()).toEqual(['Consultation.lawyer', 'Consultation.topic', 'Query.consultations.district']);
    for (const change of breaking) {
      expect(change.message.length).toBeGreaterThan(0);
      expect(change.reason, change.path).toBeTruthy();
      expect(change.acknowledged).toBeNull();
    }
  });

  it('passes additions, an optional argument and a deprecation', async () => {
    const current = RELEASED.replace('feeBearing: Boolean!', 'feeBearing: Boolean! @deprecated(reason: "use fee") fee: Int')
      .replace('first: Int)', 'first: Int, after: String)');
    const changes = await checkSubgraph('legal', RELEASED, current);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.filter((change) => change.criticality === 'BREAKING')).toEqual([]);
  });

  it('lets an acknowledged breaking change through, and only that one', async () => {
    const acknowledgements = parseAcknowledgements(JSON.stringify([{ subgraph: 'legal', path: 'Consultation.lawyer', date: '2026-12-06', reason: '司法局 confirmed no caller reads it' }]));
    const current = RELEASED.replace('lawyer: String ', '').replace('topic: String!', 'topic: ID!');
    const changes = await checkSubgraph('legal', RELEASED, current, acknowledgements);
    const lawyer = changes.find((change) => change.path === 'Consultation.lawyer')!;
    expect(lawyer.acknowledged?.date).toBe('2026-12-06');
    expect(changes.find((change) => change.path === 'Consultation.topic')!.acknowledged).toBeNull();
    // The same path acknowledged for another department does not count.
    const elsewhere = parseAcknowledgements(JSON.stringify([{ subgraph: 'health', path: 'Consultation.lawyer', date: '2026-12-06', reason: 'x' }]));
    expect((await checkSubgraph('legal', RELEASED, current, elsewhere)).find((change) => change.path === 'Consultation.lawyer')!.acknowledged).toBeNull();
  });

  it('refuses an acknowledgement without a date or a reason, naming the entry and the field', () => {
    expect(() => parseAcknowledgements('{}')).toThrow(/must be a JSON array/);
    expect(() => parseAcknowledgements(JSON.stringify([{ subgraph: 'legal', path: 'Consultation.lawyer', reason: 'agreed' }]))).toThrow(/\[0\]\.date: must be the day it was agreed/);
    expect(() => parseAcknowledgements(JSON.stringify([{ subgraph: 'legal', path: 'Consultation.lawyer', date: '2026-12-06', reason: ' ' }]))).toThrow(/\[0\]\.reason/);
    expect(() => parseAcknowledgements(JSON.stringify([{ subgraph: 'tax', path: 'X.y', date: '2026-12-06', reason: 'r' }]))).toThrow(/\[0\]\.subgraph: must be one of talent/);
  });
});

// What makes two subgraph fetches the same (issue 12): subgraph, query text, variables and the
// caller's verified identity; only reads inside a query; nothing kept after the answer.
import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { newRequestRecord, requestLine } from '../subgraphs/kit/observability/requests';
import { readGatewayConfig } from './config';
import { callerIdentity, copyOfAnswer, fetchKey, InFlightFetches, isSharableRead, restrictCachePolicy } from './deduplicate';

const operation = (text: string) => parse(text).definitions[0] as OperationDefinitionNode;

describe('in-flight deduplication', () => {
  it('keys each subgraph, query, variables and identity apart', () => {
    const coordinator = callerIdentity({ subject: 'u1', role: 'coordinator' }, '10.0.0.1')!;
    const identities = [
      coordinator,
      callerIdentity({ subject: 'u1', role: 'analyst' }, '10.0.0.1'),
      callerIdentity({ subject: 'u2', role: 'coordinator' }, '10.0.0.1'),
      callerIdentity({ subject: 'u1', role: 'department_staff', department: 'health' }, null),
      callerIdentity({ subject: 'u1', role: 'department_staff', department: 'legal' }, null),
      callerIdentity({ subject: 'u1', role: 'talent', talentId: '64b000000000000000000001' }, null),
      callerIdentity(null, '10.0.0.1'),
      callerIdentity(null, '10.0.0.2'),
    ];
    expect(new Set(identities).size).toBe(identities.length);
    // The same viewer from another address is the same identity; an anonymous caller without an address is never shared.
    expect(callerIdentity({ subject: 'u1', role: 'coordinator' }, '10.0.0.9')).toBe(coordinator);
    expect(callerIdentity(null, null)).toBeNull();
    const key = fetchKey('talent', '{ a }', { id: '1' }, coordinator);
    expect(fetchKey('talent', '{ a }', { id: '1' }, coordinator)).toBe(key);
    expect(new Set([key, fetchKey('health', '{ a }', { id: '1' }, coordinator), fetchKey('talent', '{ b }', { id: '1' }, coordinator), fetchKey('talent', '{ a }', { id: '2' }, coordinator)]).size).toBe(4);
    // The planner writes variables in its plan's order; the same values in another order are a fetch of their own, never a wrong share.
    expect(fetchKey('talent', '{ a }', { representations: [{ __typename: 'Talent', id: '1' }] }, coordinator)).not.toBe(fetchKey('talent', '{ a }', { representations: [{ id: '1', __typename: 'Talent' }] }, coordinator));
    // A value can't spill into the next part of the key.
    expect(fetchKey('talent', '{ a }', { id: '1","x' }, coordinator)).not.toBe(fetchKey('talent', '{ a }', { id: '1' }, `"x",${coordinator}`));
  });

  it('shares only reads inside a query', () => {
    const query = operation('query Q { talent(id: "1") { name } }');
    const mutation = operation('mutation M { withdrawCase(caseId: "1", reason: "x") { status } }');
    expect(isSharableRead(query, parse('query Q__talent__0 { talent(id: "1") { name } }'), undefined)).toBe(true);
    expect(isSharableRead(query, undefined, '{ talent(id: "1") { name } }')).toBe(true);
    expect(isSharableRead(mutation, parse('mutation M__talent__0 { withdrawCase { status } }'), undefined)).toBe(false);
    // After a mutation even a read must see its effect: an entity fetch in a mutation is not shared.
    expect(isSharableRead(mutation, parse('query M__health__1 { _entities { __typename } }'), undefined)).toBe(false);
    expect(isSharableRead(undefined, undefined, '{ a }')).toBe(false);
  });

  it('gives a failure to every waiter and forgets it once settled', async () => {
    const inFlight = new InFlightFetches<string>();
    let fail!: (error: Error) => void;
    const sent = inFlight.send('k', 'r-1', () => new Promise<string>((_, reject) => (fail = reject)));
    const joined = inFlight.joinable('k');
    expect(joined?.requestId).toBe('r-1');
    fail(new Error('down'));
    await expect(sent).rejects.toThrow('down');
    await expect(joined!.answer).rejects.toThrow('down');
    expect(inFlight.joinable('k')).toBeUndefined();
    expect(inFlight.size).toBe(0);
  });

  it('copies an answer for its waiters only when someone waited, and once', async () => {
    const inFlight = new InFlightFetches<{ rows: number[] }>();
    let snapshots = 0;
    const snapshot = (answer: { rows: number[] }) => ((snapshots += 1), { rows: [...answer.rows] });
    const alone = await inFlight.send('alone', 'r-1', async () => ({ rows: [1] }), snapshot);
    expect(alone).toEqual({ rows: [1] });
    expect(snapshots).toBe(0);

    let answer!: (value: { rows: number[] }) => void;
    const sent = inFlight.send('shared', 'r-2', () => new Promise((resolve) => (answer = resolve)), snapshot);
    const first = inFlight.joinable('shared')!;
    const second = inFlight.joinable('shared')!;
    answer({ rows: [2] });
    const own = await sent;
    own.rows.push(99); // the sender's request goes on to change its own answer
    expect(await first.answer).toEqual({ rows: [2] });
    expect(await second.answer).toEqual({ rows: [2] });
    expect(snapshots).toBe(1);
    expect(inFlight.size).toBe(0);
  });

  it('puts the shared fetches in the request’s log line', () => {
    const record = newRequestRecord('r-2', null);
    record.subgraphs.push('talent', 'health');
    record.sharedFetches.push({ subgraph: 'health', sentBy: 'r-1' });
    expect(requestLine(record, 1, 200)[0]).toMatchObject({ subgraphs: ['talent', 'health'], sharedFetches: [{ subgraph: 'health', sentBy: 'r-1' }] });
    expect(requestLine(newRequestRecord('r-3', null), 1, 200)[0]).not.toHaveProperty('sharedFetches');
  });

  it('is on unless GATEWAY_DEDUPLICATE=0', () => {
    expect(readGatewayConfig({}).deduplicate).toBe(true);
    expect(readGatewayConfig({ GATEWAY_DEDUPLICATE: '0' }).deduplicate).toBe(false);
  });

  it('gives each waiter its own copy, and limits its cache policy by the shared answer’s Cache-Control header', () => {
    const shared = { data: { talent: { name: '陈思远', cards: [{ number: 'BY-1' }] } } };
    const copy = copyOfAnswer(shared);
    expect(copy).toEqual(shared);
    (copy.data!.talent as { cards: unknown[] }).cards.push({ number: 'BY-2' });
    expect(shared.data.talent.cards).toHaveLength(1);
    const hints: unknown[] = [];
    const policy = { restrict: (hint: unknown) => hints.push(hint) };
    restrictCachePolicy(policy, 'max-age=300, public');
    restrictCachePolicy(policy, undefined);
    restrictCachePolicy(policy, 'max-age=60, private');
    expect(hints).toEqual([{ maxAge: 300, scope: 'PUBLIC' }, { maxAge: 0 }, { maxAge: 60, scope: 'PRIVATE' }]);
  });
});

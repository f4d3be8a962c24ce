// The dispatcher never marks a part handed out when it handed nothing out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSubgraphFixture, type SubgraphFixture } from '../../../test/subgraph-fixture';
import { testEnvironment } from '../../../test/environment';
import { registerCaseModels } from '../case-model';
import { buildTalentSubgraph } from '../server';
import { createDispatcher } from './dispatch';

let fixture: SubgraphFixture;
beforeAll(async () => {
  fixture = await openSubgraphFixture(buildTalentSubgraph);
});
afterAll(() => fixture.close());

describe('the dispatcher', () => {
  it('retries a part whose case it cannot see yet, instead of dropping it as delivered', async () => {
    // Written in one transaction with its case; an engine may show the dispatch first.
    const dispatcher = createDispatcher(fixture.connection, testEnvironment({}), registerCaseModels(fixture.connection));
    const caseId = 'cafe00000000000000000001';
    await dispatcher.enqueue([{ key: `dispatch:${caseId}:legal`, destination: 'legal', payload: { caseId, department: 'legal' } }]);
    dispatcher.start();
    await dispatcher.drain();
    await dispatcher.stop();
    const message = await dispatcher.model.findOne({ key: `dispatch:${caseId}:legal` }).lean();
    expect(message).toMatchObject({ status: 'PENDING', attempts: 1, lastError: expect.stringContaining('not found') });
  });
});

// The subgraphs' view of the world in tests: addresses filled in once every subgraph listens,
// and a clock a test can move forward (working-day limits, overdue) without waiting.
import type { SubgraphName } from '../subgraphs/kit/departments';
import type { SubgraphEnvironment } from '../subgraphs/kit/subgraph';
import { loadWorkingCalendar } from '../subgraphs/kit/working-days';
import { logFnOf, processLogger } from '../subgraphs/kit/observability/logger';
import { createVerifier, readIdentityConfig } from '../subgraphs/kit/identity';
import { createServiceTokens } from '../subgraphs/kit/service-token';
import { checkCard, registryCard, type CardFacts, type RegisteredFamilyMember } from '../subgraphs/kit/card-check';
import type { Program } from '../subgraphs/kit/programs';

export class TestClock {
  private offsetMs = 0;

  now = (): Date => new Date(Date.now() + this.offsetMs);

  /** Moves time forward (or back) for every subgraph sharing this clock. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Sets "now" to a moment; time runs on from there. */
  set(moment: Date): void {
    this.offsetMs = moment.getTime() - Date.now();
  }
}

const identity = readIdentityConfig({});
const verify = await createVerifier(identity);

/**
 * Cards a unit test registers for departments' direct services; a talent not registered holds an
 * active card of whatever program the request names, and no registered family. In the harness
 * (`registry: 'live'`) the window's real registry answers.
 */
export type TestCards = Map<string, TestCard> | 'live';

/** A card a unit test registers: what is left out is an active card of the program asked for, with no family. */
export interface TestCard {
  program?: Program;
  status?: CardFacts['status'];
  expiresOn?: string;
  family?: RegisteredFamilyMember[];
}

export function testEnvironment(urls: Partial<Record<SubgraphName, string>>, clock = new TestClock(), cards: TestCards = new Map()): SubgraphEnvironment {
  const serviceToken = createServiceTokens(identity, 'test', {});
  const subgraphUrl = (name: SubgraphName) => urls[name] ?? `http://127.0.0.1:9/unstarted-${name}`;
  return {
    verifyCard: async (talentId, program, field, question = {}) => {
      if (cards === 'live') return checkCard(await registryCard({ subgraphUrl, serviceToken }, talentId, question), talentId, program, field);
      const registered = cards.get(talentId) ?? {};
      const card: CardFacts = { talentId, program: registered.program ?? program, status: registered.status ?? 'ACTIVE', expiresOn: registered.expiresOn ?? '2099-12-31' };
      // The family is answered as the registry does: only when asked for.
      return checkCard(question.family ? { ...card, family: registered.family ?? [] } : card, talentId, program, field);
    },
    serviceToken,
    verify,
    subgraphUrl,
    clock: clock.now,
    calendar: loadWorkingCalendar(),
    // The process's logger (kit/observability/logger.ts), asked at each line so a test that captures
    // lines sees them: quiet by default; TEST_LOG=1 shows the subgraphs' own log lines (e.g. an outbox's failed deliveries).
    log: (message, level, fields) => logFnOf(processLogger())(message, level, fields),
  };
}

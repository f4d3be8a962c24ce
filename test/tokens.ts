// Development tokens for tests, signed with the development secret the services verify with.
import type { Viewer } from '../subgraphs/kit/context';
import { issueToken, readIdentityConfig } from '../subgraphs/kit/identity';

const identity = readIdentityConfig({});

export function tokenFor(viewer: Viewer, ttlSeconds = 600): Promise<string> {
  return issueToken(identity, viewer, ttlSeconds);
}

export async function bearer(viewer: Viewer): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await tokenFor(viewer)}` };
}

export const COORDINATOR: Viewer = { subject: 'coordinator-test', role: 'coordinator' };

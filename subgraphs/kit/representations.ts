// An entity representation (`_entities(representations: …)`) carries its keys, and — from the
// gateway — the fields a subgraph @requires, which the gateway fetched from their owner (e.g.
// Talent.program from the window). Anyone else who calls a subgraph directly can put anything in a
// representation (a Guangzhou holder claiming a Baiyun card), so for them those fields are read
// from the owner instead. The gateway proves it sent a request with its own service token in
// GATEWAY_TOKEN_HEADER, besides the caller's token.
import type { BaseContext } from './context';
import type { Viewer } from './context';

export const GATEWAY_TOKEN_HEADER = 'x-gateway-token';
/**
 * The network address of a caller the gateway let in without a token (public fields only, gateway/auth.ts),
 * so a limit per asker (e.g. card verification) counts each anonymous caller apart. Trusted only with
 * GATEWAY_TOKEN_HEADER: anyone else could name any address.
 */
export const ANONYMOUS_CLIENT_HEADER = 'x-anonymous-client';

/** The anonymous caller's address, if the gateway sent one. */
export function anonymousClientOf(header: string | string[] | undefined, fromGateway: boolean): string | null {
  return fromGateway && typeof header === 'string' && header !== '' ? header.slice(0, 64) : null;
}

/** Did the gateway send this request? Its token verifies, and it is a service's. */
export async function sentByGateway(header: string | string[] | undefined, verify: (token: string) => Promise<Viewer>): Promise<boolean> {
  if (typeof header !== 'string' || header === '') return false;
  try {
    return (await verify(header)).role === 'service';
  } catch {
    return false;
  }
}

/** A @requires field of a representation: as the gateway sent it (null if it sent none), else from its owner. */
export function requiredField<T>(context: Pick<BaseContext, 'fromGateway'>, given: T | null | undefined, fromOwner: () => Promise<T | null>): Promise<T | null> {
  return context.fromGateway ? Promise.resolve(given ?? null) : fromOwner();
}

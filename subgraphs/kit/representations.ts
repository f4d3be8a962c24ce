// An entity representation (`_entities(representations: …)`) carries its keys, and — from the
// gateway — the fields a subgraph @requires, which the gateway fetched from their owner (e.g.
// Talent.program from the window). Anyone else who calls a subgraph directly can put anything in a
// representation (a Guangzhou holder claiming a Baiyun card), so for them those fields are read
// from the owner instead. The gateway proves it sent a request with its own service token in
// GATEWAY_TOKEN_HEADER, besides the caller's token.
import type { BaseContext } from './context';
import type { Viewer } from './context';

export const GATEWAY_TOKEN_HEADER = 'x-gateway-token';

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

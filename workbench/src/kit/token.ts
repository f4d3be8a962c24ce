// The signed-in user's token: from the identity provider's redirect (#access_token=… on any page,
// production), or pasted / minted on the token page (development). Kept in sessionStorage for the
// tab (gone when it closes); its claims are read only to show the role and department — the
// gateway and every subgraph verify the token itself.
import { useSyncExternalStore } from 'react';

const KEY = 'workbench:token';
const listeners = new Set<() => void>();

export interface Claims {
  subject: string;
  role: string;
  department?: string;
  talentId?: string;
  expiresAt?: Date;
}

function base64UrlDecode(part: string): string {
  const padded = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The claims the page shows; null for something that is not a JWT. */
export function readClaims(token: string): Claims | null {
  const [, payload] = token.split('.');
  if (!payload) return null;
  try {
    const claims = JSON.parse(base64UrlDecode(payload)) as Record<string, unknown>;
    if (typeof claims.role !== 'string') return null;
    return {
      subject: String(claims.sub ?? ''),
      role: claims.role,
      department: typeof claims.department === 'string' ? claims.department : undefined,
      talentId: typeof claims.talentId === 'string' ? claims.talentId : undefined,
      expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : undefined,
    };
  } catch {
    return null;
  }
}

export function currentToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(KEY, token.trim());
  else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

/** Takes a token the identity provider put in the address (#access_token=…) and removes it from the address. */
export function adoptTokenFromAddress(): void {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = fragment.get('access_token');
  if (!token) return;
  setToken(token);
  history.replaceState(null, '', window.location.pathname + window.location.search);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The token and its claims; re-renders when either changes. */
export function useToken(): { token: string | null; claims: Claims | null } {
  const token = useSyncExternalStore(subscribe, currentToken);
  return { token, claims: token ? readClaims(token) : null };
}

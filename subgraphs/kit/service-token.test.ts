// A service's own token with an identity provider: read from SERVICE_TOKEN_FILE and read again when
// the platform rotates it (no token lives longer than JWT_MAX_TTL, so a fixed one would stop working).
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readIdentityConfig } from './identity';
import { createServiceTokens } from './service-token';

const PUBLIC_KEY = { JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nnot used to verify here\n-----END PUBLIC KEY-----' };
let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'service-token-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('createServiceTokens with an identity provider', () => {
  it('reads SERVICE_TOKEN_FILE, and again once the platform has rotated it', async () => {
    const file = join(folder, 'token');
    await writeFile(file, 'first.token.value\n');
    const tokens = createServiceTokens(readIdentityConfig(PUBLIC_KEY), 'gateway', { ...PUBLIC_KEY, SERVICE_TOKEN_FILE: file });
    expect(await tokens()).toBe('first.token.value');
    await writeFile(file, 'second.token.value');
    // The rotation is seen by the file's modification time; set it apart from the first write's explicitly.
    await utimes(file, new Date(), new Date(Date.now() + 5_000));
    expect(await tokens()).toBe('second.token.value');
  });

  it('says which settings are missing, and refuses an empty token file', async () => {
    expect(() => createServiceTokens(readIdentityConfig(PUBLIC_KEY), 'gateway', PUBLIC_KEY)).toThrow(/SERVICE_TOKEN_FILE .* or SERVICE_TOKEN must be set/);
    const empty = join(folder, 'empty');
    await writeFile(empty, '\n');
    await expect(createServiceTokens(readIdentityConfig(PUBLIC_KEY), 'gateway', { ...PUBLIC_KEY, SERVICE_TOKEN_FILE: empty })()).rejects.toThrow(/is empty/);
  });

  it('keeps SERVICE_TOKEN for a short-lived process', async () => {
    expect(await createServiceTokens(readIdentityConfig(PUBLIC_KEY), 'gateway', { ...PUBLIC_KEY, SERVICE_TOKEN: 'fixed.token' })()).toBe('fixed.token');
  });
});

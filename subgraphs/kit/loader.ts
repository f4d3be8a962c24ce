// Per-request DataLoaders: keys in, one `$in` query out, results back in key order.
import DataLoader from 'dataloader';

/** At most one document per key (e.g. a talent by id); a missing key loads as null. */
export function oneByKey<T>(
  fetch: (keys: readonly string[]) => Promise<T[]>,
  keyOf: (item: T) => string,
): DataLoader<string, T | null> {
  return new DataLoader(async (keys) => {
    const byKey = new Map<string, T>();
    for (const item of await fetch(keys)) byKey.set(keyOf(item), item);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Every document for a key (e.g. a talent's bookings); a key with none loads as []. */
export function manyByKey<T>(
  fetch: (keys: readonly string[]) => Promise<T[]>,
  keyOf: (item: T) => string,
): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const byKey = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const item of await fetch(keys)) byKey.get(keyOf(item))?.push(item);
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

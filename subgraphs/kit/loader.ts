// Per-request DataLoaders: keys in, one `$in` query out, results back in key order.
import DataLoader from 'dataloader';
import type { Model, QueryFilter, SortOrder, Types } from 'mongoose';
import { isObjectIdString } from './ids';

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

/**
 * A talent's records in one department collection, in `sort` order: every talent of a request in
 * one `$in` query on talentId (ids that cannot be one are not asked for).
 */
export function recordsByTalent<T extends { talentId: string }>(model: Model<T>, sort: Record<string, SortOrder>): DataLoader<string, T[]> {
  return manyByKey<T>(
    (talentIds) => model.find({ talentId: { $in: talentIds.filter(isObjectIdString) } } as QueryFilter<T>).sort(sort).lean<T[]>(),
    (record) => record.talentId,
  );
}

/** A record by its id (e.g. a case task's record): every id of a request in one `$in` query on _id. */
export function recordById<T extends { _id: Types.ObjectId }>(model: Model<T>): DataLoader<string, T | null> {
  return oneByKey<T>(
    (ids) => model.find({ _id: { $in: ids.filter(isObjectIdString) } } as QueryFilter<T>).lean<T[]>(),
    (record) => record._id.toString(),
  );
}

/**
 * Group commit: what is asked for while a batch is in flight waits for it and then goes together in
 * the next one (with none in flight, what was asked for in the same tick). The slower the receiver,
 * the bigger each batch: a busy database or service gets a few large writes where it got one per
 * caller, and an idle one is not kept waiting. Each caller still learns its own item's outcome.
 */
export function groupCommit<K, V>(write: (items: readonly K[]) => Promise<(V | Error)[]>, maxBatchSize: number): DataLoader<K, V> {
  let writing: Promise<unknown> | null = null;
  return new DataLoader<K, V>(
    async (items) => {
      const batch = write(items);
      writing = batch;
      try {
        return await batch;
      } finally {
        if (writing === batch) writing = null;
      }
    },
    {
      cache: false,
      maxBatchSize,
      batchScheduleFn: (dispatch) => {
        if (writing) void writing.then(dispatch, dispatch);
        else process.nextTick(dispatch);
      },
    },
  );
}

// Deterministic demo data: the same seed gives the same talents and records on every machine.
import { addDays, daysBetween } from './dates';

/** mulberry32: a small, fast, well-distributed 32-bit generator. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** A day from `from` to `to`, both included; `from` when `to` is earlier. */
  dayBetween(from: string, to: string): string {
    return addDays(from, this.int(0, Math.max(0, daysBetween(from, to))));
  }

  /** A fresh generator for one purpose, so adding draws in one department never shifts another's. */
  fork(label: string): SeededRandom {
    let hash = this.state;
    for (const char of label) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
    return new SeededRandom(hash);
  }
}

/** A 24-hex ObjectId string that depends only on (namespace, index). */
export function seededObjectId(namespace: number, index: number): string {
  return `${namespace.toString(16).padStart(8, '0')}${index.toString(16).padStart(16, '0')}`;
}

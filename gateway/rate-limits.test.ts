import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS, readRateLimits } from './rate-limits';

describe('the rate-limit settings', () => {
  it('default to 600 a minute per user, 1200 for all analysts, 120 per address without a token', () => {
    expect(readRateLimits({})).toEqual(DEFAULT_RATE_LIMITS);
    expect(DEFAULT_RATE_LIMITS).toEqual({ perSubject: 600, perRole: { analyst: 1200 }, anonymous: 120 });
  });

  it('read per-role budgets, and 0 or an empty list for none', () => {
    expect(readRateLimits({ RATE_LIMIT_PER_ROLE: 'analyst=100, specialist=5000', RATE_LIMIT_PER_SUBJECT: '0', RATE_LIMIT_ANONYMOUS: '30' })).toEqual({
      perSubject: 0,
      perRole: { analyst: 100, specialist: 5000 },
      anonymous: 30,
    });
    expect(readRateLimits({ RATE_LIMIT_PER_ROLE: '' }).perRole).toEqual({});
  });

  it('refuse a malformed setting, naming it', () => {
    expect(() => readRateLimits({ RATE_LIMIT_PER_ROLE: 'analyst:100' })).toThrow(/RATE_LIMIT_PER_ROLE: "analyst:100" must be role=requests-per-minute/);
    expect(() => readRateLimits({ RATE_LIMIT_PER_ROLE: 'boss=5' })).toThrow(/RATE_LIMIT_PER_ROLE: "boss=5"/);
    expect(() => readRateLimits({ RATE_LIMIT_PER_SUBJECT: 'lots' })).toThrow(/RATE_LIMIT_PER_SUBJECT/);
  });
});

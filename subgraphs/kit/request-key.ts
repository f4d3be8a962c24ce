// A request key makes a submission idempotent (the same key, the same result, however often it is
// sent): one shape for every mutation that takes one — a case, a registration, a card application,
// a reissue or renewal.
import { inputFormat } from './input-format';
import type { Problem } from './problems';

const REQUEST_KEY = /^[A-Za-z0-9._:-]{8,100}$/;

/** The key's shape problem, if any, on `field`. */
export function requestKeyProblems(requestKey: string, field = 'input.requestKey'): Problem[] {
  return REQUEST_KEY.test(requestKey) ? [] : [{ field, zh: '请求键须为 8–100 位字母、数字或 ._:-', en: 'requestKey must be 8–100 letters, digits or ._:-', ...inputFormat('INPUT_REQUEST_KEY') }];
}

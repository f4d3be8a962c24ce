// A department's single service checks the card with the window's registry (001 第六条; issue 3
// "the same rules apply"): a holder whose card is out of force, or who names another program than
// the card's, is refused with BAD_USER_INPUT naming the rule; a holder in good standing is served.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { BAIYUN, directAirportBooking, withTestTalents } from './cases';
import { EXPIRED, LIWAN } from '../subgraphs/talent/cases/fixtures';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  await withTestTalents(harness);
});
afterAll(() => harness.stop());

const BOOK = /* GraphQL */ `
  mutation Book($input: BookAirportServiceInput!) { bookAirportService(input: $input) { status servicePoint } }
`;
const booking = (talentId: string, program: string) => directAirportBooking(harness, talentId, program);

describe('a single service checks the card', () => {
  it('serves a Baiyun holder whose card is in force (000 十三)', async () => {
    const result = await harness.query(BOOK, { input: booking(BAIYUN, 'BAIYUN_YUNJU') });
    expect(result).toEqual({ data: { bookAirportService: { status: 'BOOKED', servicePoint: '国内商务贵宾厅' } } });
  });

  it('refuses a holder whose card has passed its 5-year management period (001 第六条)', async () => {
    const result = await harness.query(BOOK, { input: booking(EXPIRED, 'BAIYUN_YUNJU') });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.talentId', rule: 'CARD_NOT_IN_FORCE', source: '001 第六条' });
  });

  it('refuses a program the holder does not hold, however the request names it', async () => {
    const result = await harness.query(BOOK, { input: booking(LIWAN, 'BAIYUN_YUNJU') });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.program', rule: 'CARD_PROGRAM' });
  });
});

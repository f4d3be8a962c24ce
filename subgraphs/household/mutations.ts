// Staff steps on hukou transfers (000 一（二）): complete the current step, or reject with the
// reason. Each runs in one transaction with the case task it belongs to and the report to the
// window. There is no direct single service: hukou always goes through the window (a case).
import type { ClientSession } from 'mongoose';
import { notFound } from '../kit/errors';
import { parseObjectId } from '../kit/ids';
import { problemsError } from '../kit/problems';
import type { Resolvers } from '../kit/subgraph';
import type { HouseholdContext } from './context';
import { advanceTransferIn, rejectTransferIn, type TransferRecord } from './transfers';

/** model.ts rejectionReason maxlength. */
export const MAX_REJECTION_REASON = 500;

/** A staff step on one transfer, in one transaction with its case task and the report to the window. */
async function stepTransfer(
  context: HouseholdContext,
  id: string,
  write: (session: ClientSession, now: Date) => Promise<TransferRecord | null>,
): Promise<TransferRecord> {
  parseObjectId(id, 'id');
  const { connection, environment } = context.services;
  const result = await connection.transaction((session) => write(session, environment.clock()));
  if (!result) throw notFound('HukouTransfer', `户口迁入申请 ${id} 不存在`, `no hukou transfer ${id}`);
  return result;
}

export const mutationResolvers: Resolvers<HouseholdContext> = {
  Mutation: {
    advanceHukouTransfer: (_: unknown, { id }: { id: string }, context: HouseholdContext): Promise<TransferRecord> => {
      const { models, desk } = context.services;
      return stepTransfer(context, id, (session, now) => advanceTransferIn(models, desk, id.toLowerCase(), now, session));
    },

    rejectHukouTransfer: (_: unknown, args: { id: string; reason: string }, context: HouseholdContext): Promise<TransferRecord> => {
      const reason = args.reason.trim();
      if (reason === '' || reason.length > MAX_REJECTION_REASON) {
        throw problemsError([{ field: 'reason', zh: `不予办理须说明原因（1 到 ${MAX_REJECTION_REASON} 字）`, en: `a rejection needs a reason of 1–${MAX_REJECTION_REASON} characters`, rule: 'HUKOU_REJECTION_REASON', source: '004 第十一条' }]);
      }
      const { models, desk } = context.services;
      return stepTransfer(context, args.id, (session, now) => rejectTransferIn(models, desk, args.id.toLowerCase(), reason, now, session));
    },
  },
};

// Staff steps on hukou transfers (000 一（二）): complete the current step, or reject with the
// reason. Each is one desk step (kit/task-steps.ts): the transfer is written with a compare-and-set
// on its version and, when it came from a case, the task follows all of its transfers — with no
// transaction, a step interrupted between the two writes is finished from what the task holds.
// There is no direct single service: hukou always goes through the window (a case).
import { GraphQLError } from 'graphql';
import { notFound } from '../kit/errors';
import { parseObjectId } from '../kit/ids';
import { problemsError } from '../kit/problems';
import type { Resolvers } from '../kit/subgraph';
import { HUKOU_STEP_LABELS_EN } from './case-rules';
import type { HouseholdContext } from './context';
import type { HukouTransferDoc } from './model';
import { HUKOU_STEP_LABELS } from './rules';
import { advancedTransfer, rejectedTransfer, taskChangeAfter, type TransferChange, type TransferRecord } from './transfers';

/** model.ts rejectionReason maxlength. */
export const MAX_REJECTION_REASON = 500;

const TRANSFER = { name: 'HukouTransfer', zh: '户口迁入申请', en: 'hukou transfer' };

/** A staff step on one transfer: its new state, and the event the case task's note tells. */
type TransferStep = (transfer: TransferRecord, now: Date) => TransferChange & { event: string };

async function stepTransfer(context: HouseholdContext, id: string, step: TransferStep): Promise<TransferRecord> {
  parseObjectId(id, 'id');
  const { models, desk, environment } = context.services;
  try {
    const stored = await desk.stepRecord<HukouTransferDoc>(models.HukouTransfer, id, TRANSFER, async (record, task) => {
      const { next, set, event } = step(record as unknown as TransferRecord, environment.clock());
      return { set: set as Partial<HukouTransferDoc>, task: task ? await taskChangeAfter(models, task, next, event) : null };
    });
    return stored as unknown as TransferRecord;
  } catch (error) {
    // The department's own wording for an unknown transfer.
    if (error instanceof GraphQLError && error.extensions.code === 'NOT_FOUND') throw notFound(TRANSFER.name, `户口迁入申请 ${id} 不存在`, `no hukou transfer ${id}`);
    throw error;
  }
}

export const mutationResolvers: Resolvers<HouseholdContext> = {
  Mutation: {
    advanceHukouTransfer: (_: unknown, { id }: { id: string }, context: HouseholdContext): Promise<TransferRecord> =>
      stepTransfer(context, id, (transfer, now) => {
        const change = advancedTransfer(transfer, now);
        return { ...change, event: `${transfer.applicant.name}：${HUKOU_STEP_LABELS[change.step]}已办结（${HUKOU_STEP_LABELS_EN[change.step]} done）` };
      }),

    rejectHukouTransfer: (_: unknown, args: { id: string; reason: string }, context: HouseholdContext): Promise<TransferRecord> => {
      const reason = args.reason.trim();
      if (reason === '' || reason.length > MAX_REJECTION_REASON) {
        throw problemsError([{ field: 'reason', zh: `不予办理须说明原因（1 到 ${MAX_REJECTION_REASON} 字）`, en: `a rejection needs a reason of 1–${MAX_REJECTION_REASON} characters`, rule: 'HUKOU_REJECTION_REASON', source: '004 第十一条' }]);
      }
      return stepTransfer(context, args.id, (transfer, now) => ({ ...rejectedTransfer(transfer, reason, now), event: `${transfer.applicant.name}：不予办理（rejected）` }));
    },
  },
};

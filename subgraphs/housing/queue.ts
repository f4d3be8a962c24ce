// A project's waitlist (轮候) with no transaction: its order is one document per project
// (model.ts ApartmentWaitlist), changed only by a compare-and-set on its version — two staff steps
// racing cannot take the same place. Each application's waitlistPosition (positions 1…n, no gap:
// rules.ts waitlistIsContiguous) is then set from that order, an idempotent step anyone can repeat;
// every join or leave ends with it, so a step interrupted between the two is put right by the next.
import type { HousingModels, TalentApartmentApplicationDoc, WaitlistMember } from './model';

/** A join whose application is still not WAITLISTED after this long never finished: its place is dropped. */
const UNFINISHED_JOIN_MS = 10 * 60_000;
const MAX_ROUNDS = 8;

type QueueOf = Pick<TalentApartmentApplicationDoc, 'district' | 'project'>;

const queueKey = (application: QueueOf) => `${application.district}|${application.project}`;

/**
 * The waitlist as its applications say it is: places of applications that left it dropped (a
 * leave interrupted before its queue write), and WAITLISTED applications it does not hold (written
 * before the queue was kept, or a join's record replayed after its place was dropped) added in
 * their position order.
 */
async function reconciled(models: HousingModels, application: QueueOf, members: readonly WaitlistMember[], now: Date): Promise<WaitlistMember[]> {
  const waitlisted = await models.TalentApartmentApplication.find(
    { district: application.district, project: application.project, status: 'WAITLISTED' },
    { waitlistPosition: 1 },
  ).sort({ waitlistPosition: 1, _id: 1 }).lean<TalentApartmentApplicationDoc[]>();
  const waiting = new Set(waitlisted.map((entry) => entry._id.toString()));
  const joining = new Set(
    (await models.TalentApartmentApplication.find({ _id: { $in: members.map((member) => member.id) }, status: 'SUBMITTED' }, { _id: 1 }).lean<TalentApartmentApplicationDoc[]>()).map((entry) =>
      entry._id.toString(),
    ),
  );
  const kept = members.filter(
    (member) => waiting.has(member.id) || (joining.has(member.id) && now.getTime() - new Date(member.joinedAt).getTime() < UNFINISHED_JOIN_MS),
  );
  const held = new Set(kept.map((member) => member.id));
  const missing = waitlisted.filter((entry) => !held.has(entry._id.toString())).map((entry) => ({ id: entry._id.toString(), joinedAt: now }));
  return [...kept, ...missing];
}

/** Changes the project's waitlist by `change` (given its reconciled members) until the compare-and-set wins; the members written. */
async function changeQueue(models: HousingModels, application: QueueOf, now: Date, change: (members: WaitlistMember[]) => WaitlistMember[]): Promise<WaitlistMember[]> {
  const _id = queueKey(application);
  await models.ApartmentWaitlist.updateOne({ _id }, { $setOnInsert: { members: [], version: 0 } }, { upsert: true }).catch((error: unknown) => {
    if ((error as { code?: number }).code !== 11000) throw error;
  });
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const queue = (await models.ApartmentWaitlist.findById(_id).lean())!;
    const members = change(await reconciled(models, application, queue.members, now));
    const unchanged = members.length === queue.members.length && members.every((member, index) => member.id === queue.members[index].id);
    if (unchanged) return members;
    const written = await models.ApartmentWaitlist.updateOne({ _id, version: queue.version }, { $set: { members, version: queue.version + 1 } });
    if (written.modifiedCount === 1) return members;
  }
  throw new Error(`waitlist ${_id} kept changing under concurrent steps`);
}

/** The application's place in its project's waitlist, taken at the end if it has none yet (again: the same place). */
export async function joinWaitlist(models: HousingModels, application: TalentApartmentApplicationDoc, now: Date): Promise<number> {
  const id = application._id.toString();
  const members = await changeQueue(models, application, now, (current) => (current.some((member) => member.id === id) ? current : [...current, { id, joinedAt: now }]));
  return members.findIndex((member) => member.id === id) + 1;
}

/** The application leaves its project's waitlist (again: nothing more); everyone behind moves up one. */
export async function leaveWaitlist(models: HousingModels, application: TalentApartmentApplicationDoc, now: Date): Promise<void> {
  const id = application._id.toString();
  await changeQueue(models, application, now, (current) => current.filter((member) => member.id !== id));
  await numberWaitlist(models, application, now);
}

/** Each WAITLISTED application of the project gets its place in the queue as its waitlistPosition. */
export async function numberWaitlist(models: HousingModels, application: QueueOf, now: Date): Promise<void> {
  const members = await changeQueue(models, application, now, (current) => current);
  for (const [index, member] of members.entries()) {
    // Only the position, only while WAITLISTED, and not the version: a staff step in flight on that
    // application still writes (task-steps.ts compares the version).
    await models.TalentApartmentApplication.updateOne({ _id: member.id, status: 'WAITLISTED', waitlistPosition: { $ne: index + 1 } }, { $set: { waitlistPosition: index + 1 } });
  }
}

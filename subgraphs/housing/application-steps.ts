// Staff steps on a talent-apartment application: submitted → waitlisted → allocated, or rejected;
// and the applicant's withdrawal. Each step is the desk's (kit/case-task.ts stepRecord): the
// application with a compare-and-set on its version and — when it came from a case — its task,
// with no multi-document transaction. What a step does to other documents is an idempotent step of
// its own: the project's waitlist (queue.ts), a unit let once (model.ts UnitLetting).
import type { Types } from 'mongoose';
import { todayInChina } from '../kit/dates';
import { badUserInput } from '../kit/errors';
import { FormReader } from '../kit/form-reader';
import { inputFormat } from '../kit/input-format';
import { releaseAllowance, takeAllowance } from '../kit/mongo';
import { problemsError } from '../kit/problems';
import type { RecordStep } from '../kit/case-task';
import { allocationProblems, HOUSING_OFFICE_RULE_SOURCE, STATUS_ZH } from './application-rules';
import type { HousingServices } from './context';
import type { HousingModels, TalentApartmentApplicationDoc } from './model';
import { joinWaitlist, leaveWaitlist, numberWaitlist } from './queue';
import type { ApartmentApplicationStatus, HomeOwnershipRelation } from './rules';

type Application = TalentApartmentApplicationDoc;
const APPLICATION = { name: 'TalentApartmentApplication', zh: '人才公寓申请', en: 'talent-apartment application' };

function wrongStatus(application: Application, action: { zh: string; en: string }, allowed: readonly ApartmentApplicationStatus[]) {
  const status = application.status as ApartmentApplicationStatus;
  return badUserInput('id', `申请当前为“${STATUS_ZH[status]}”，不能${action.zh}`, `the application is ${status}; only ${allowed.join(' or ')} can be ${action.en}`, { rule: 'APPLICATION_STATUS', source: HOUSING_OFFICE_RULE_SOURCE, status });
}

/**
 * One staff step on one application (the desk writes it and moves the case task), then the
 * waitlist follows: an application that left it gives up its place and everyone behind moves up;
 * one that joined is numbered again with the rest (a place taken while the step was under way).
 */
async function step(services: HousingServices, id: string, decide: (application: Application) => Promise<RecordStep<Application>>): Promise<Application> {
  const { models } = services;
  let before: Application | null = null;
  const updated = await services.desk.stepRecord<Application>(models.TalentApartmentApplication, id, APPLICATION, async (application) => {
    before = application;
    return decide(application);
  });
  const now = services.environment.clock();
  const leftWaitlist = (before as Application | null)?.status === 'WAITLISTED' && updated.status !== 'WAITLISTED';
  if (leftWaitlist) await leaveWaitlist(models, updated, now);
  if (updated.status !== 'WAITLISTED') return updated;
  await numberWaitlist(models, updated, now);
  return (await models.TalentApartmentApplication.findById(updated._id).lean<Application>())!;
}

/**
 * The applicant withdrew the case (withdraw.ts): an application SUBMITTED or WAITLISTED becomes
 * WITHDRAWN (closed: its talent may apply again) and leaves the waitlist, as a staff step does;
 * the desk changes the task. A decided application stays as it is. Safe to run twice: the write
 * is conditional on the status, leaving the waitlist again changes nothing.
 */
export async function withdrawApplication(services: HousingServices, id: string): Promise<void> {
  const { models } = services;
  const decidedOn = todayInChina(services.environment.clock());
  // The version moves too, so a staff step that read the application before starts again.
  await models.TalentApartmentApplication.updateOne(
    { _id: id, status: { $in: ['SUBMITTED', 'WAITLISTED'] } },
    { $set: { status: 'WITHDRAWN', waitlistPosition: null, decidedOn, openSlot: id }, $inc: { __v: 1 } },
  );
  const application = await models.TalentApartmentApplication.findById(id).lean<Application>();
  if (application?.status === 'WITHDRAWN') await leaveWaitlist(models, application, services.environment.clock());
}

/** 000 九；002 四: eligibility again, from the declarations on file, before a queue place or a unit. */
async function recheckEligibility(models: HousingModels, application: Application): Promise<void> {
  const declarations = await models.HomeOwnershipDeclaration.find({ talentId: application.talentId }).lean();
  const problems = allocationProblems(
    declarations.map((declaration) => ({ ...declaration, relation: declaration.relation as HomeOwnershipRelation })),
    application.district,
    'id',
  );
  if (problems.length > 0) throw problemsError(problems);
}

/** A submitted application joins its project's waitlist at the next free position; the task stays in progress. */
export function waitlistApplication(services: HousingServices, id: string): Promise<Application> {
  return step(services, id, async (application) => {
    if (application.status !== 'SUBMITTED') throw wrongStatus(application, { zh: '列入轮候', en: 'waitlisted' }, ['SUBMITTED']);
    await recheckEligibility(services.models, application);
    const position = await joinWaitlist(services.models, application, services.environment.clock());
    return {
      set: { status: 'WAITLISTED', waitlistPosition: position },
      task: { status: 'IN_PROGRESS', step: 'WAITLISTED', note: `已列入${application.project}轮候，序号 ${position}（waitlisted at position ${position}）` },
    };
  });
}

export interface UnitInput {
  building: string;
  unitNumber: string;
  areaSqm: number;
}

/** The unit's fields in shape, or one BAD_USER_INPUT listing every problem. */
function checkUnit(unit: UnitInput): void {
  const reader = new FormReader('unit');
  reader.text(unit.building, 'building', 40);
  reader.text(unit.unitNumber, 'unitNumber', 20);
  if (!(unit.areaSqm > 0 && unit.areaSqm <= 500)) reader.problem('areaSqm', '建筑面积须大于 0 且不超过 500 平方米', 'area must be over 0 and at most 500 m²', inputFormat('INPUT_AREA_RANGE'));
  reader.done();
}

type Unit = { project: string; building: string; unitNumber: string };
const unitKey = (unit: Unit) => `${unit.project}|${unit.building}|${unit.unitNumber}`;

/**
 * The unit is let to this application: one use of the unit's own allowance, held by the
 * application (again: still its). A hold left by an allocation that never happened — its
 * application since rejected, withdrawn or let another unit — is given back first.
 */
async function letUnit(models: HousingModels, unit: Unit, applicationId: Types.ObjectId): Promise<boolean> {
  const key = unitKey(unit);
  if (await takeAllowance(models.UnitLetting, key, applicationId.toString(), 1)) return true;
  const letting = await models.UnitLetting.findById(key).lean();
  const holders = await models.TalentApartmentApplication.find({ _id: { $in: Object.keys(letting?.holders ?? {}) } }).lean<Application[]>();
  const stale = holders.filter((holder) => holder.status === 'REJECTED' || holder.status === 'WITHDRAWN' || (holder.status === 'ALLOCATED' && unitKey(holder.allocatedUnit as Unit) !== key));
  for (const holder of stale) await releaseAllowance(models.UnitLetting, key, holder._id.toString());
  return stale.length > 0 && takeAllowance(models.UnitLetting, key, applicationId.toString(), 1);
}

/** A submitted or waitlisted application gets a unit of its project, eligibility checked again; the task is done. */
export function allocateApartment(services: HousingServices, id: string, unit: UnitInput): Promise<Application> {
  checkUnit(unit);
  const today = todayInChina(services.environment.clock());
  return step(services, id, async (application) => {
    if (application.status !== 'SUBMITTED' && application.status !== 'WAITLISTED') throw wrongStatus(application, { zh: '配租', en: 'allocated' }, ['SUBMITTED', 'WAITLISTED']);
    await recheckEligibility(services.models, application);
    const allocatedUnit = { project: application.project, building: unit.building.trim(), unitNumber: unit.unitNumber.trim(), areaSqm: unit.areaSqm };
    // Read first for units let before the allowance was kept; the allowance settles a race.
    const taken = await services.models.TalentApartmentApplication.findOne(
      { 'allocatedUnit.project': allocatedUnit.project, 'allocatedUnit.building': allocatedUnit.building, 'allocatedUnit.unitNumber': allocatedUnit.unitNumber, status: 'ALLOCATED', _id: { $ne: application._id } },
      { _id: 1 },
    ).lean();
    if (taken || !(await letUnit(services.models, allocatedUnit, application._id))) {
      throw problemsError([{ field: 'unit.unitNumber', rule: 'UNIT_TAKEN', zh: `${allocatedUnit.project}${allocatedUnit.building}${allocatedUnit.unitNumber} 已配租给其他申请`, en: 'this unit is already let to another application', source: '住建局办理规则 department rule' }]);
    }
    const where = `${allocatedUnit.project}${allocatedUnit.building}${allocatedUnit.unitNumber}（${allocatedUnit.areaSqm} 平方米）`;
    return {
      set: { status: 'ALLOCATED', allocatedUnit, waitlistPosition: null, decidedOn: today },
      task: { status: 'DONE', step: 'ALLOCATED', note: `已配租：${where}（unit allocated: ${allocatedUnit.building} ${allocatedUnit.unitNumber}）` },
    };
  });
}

/** A submitted or waitlisted application is refused with the staff's reason; the task comes back REFUSED (004 第十一条). */
export function rejectApartmentApplication(services: HousingServices, id: string, reason: string): Promise<Application> {
  const text = reason.trim();
  if (text === '' || text.length > 300) throw badUserInput('reason', '驳回理由须为 1 到 300 个字', 'the reason must be 1–300 characters', { rule: 'APARTMENT_REJECTION_REASON', source: '004 第十一条' });
  const today = todayInChina(services.environment.clock());
  return step(services, id, async (application) => {
    if (application.status !== 'SUBMITTED' && application.status !== 'WAITLISTED') throw wrongStatus(application, { zh: '驳回', en: 'rejected' }, ['SUBMITTED', 'WAITLISTED']);
    return {
      // Closed: the talent's open-application key is freed with the same write (model.ts openSlot).
      set: { status: 'REJECTED', rejectionReason: text, waitlistPosition: null, decidedOn: today, openSlot: application._id.toString() },
      task: { status: 'REFUSED', step: 'REJECTED', note: '不予配租（application rejected）', reason: `不予配租：${text}（rejected by the housing office）` },
    };
  });
}

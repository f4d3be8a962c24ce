// Talent-apartment applications through their steps: submitted (from a case or directly) →
// waitlisted → allocated, or rejected. Every step is one transaction: the application, the queue
// behind it and — when it came from a case — the case task and its report to the window.
import type { ClientSession } from 'mongoose';
import type { TalentApartmentForm } from '../kit/case-forms';
import type { CaseTaskChange } from '../kit/case-task';
import { todayInChina } from '../kit/dates';
import { badUserInput, notFound } from '../kit/errors';
import { FormReader } from '../kit/form-reader';
import { parseObjectId } from '../kit/ids';
import { takeLock } from '../kit/mongo';
import { problemsError, type FieldViolation, type Problem } from '../kit/problems';
import type { Program } from '../kit/programs';
import { allocationProblems, apartmentApplicationProblems, STATUS_ZH } from './application-rules';
import type { HousingServices } from './context';
import type { HousingModels, TalentApartmentApplicationDoc } from './model';
import { nextWaitlistPosition, OPEN_APPLICATION_STATUSES, type ApartmentApplicationStatus, type HomeOwnershipRelation } from './rules';

export interface ApplicationRequest {
  talentId: string;
  program: Program;
  form: TalentApartmentForm;
  caseId: string | null;
  /** The day it is made: the case's acceptance day, or today. */
  day: string;
  /** Where the input came from, for the problems' field names. */
  prefix: string;
}

/** Inside the caller's transaction: every rule (application-rules.ts) against the form and the talent's open applications. */
async function checkApplication(models: HousingModels, request: ApplicationRequest, session: ClientSession): Promise<FieldViolation[]> {
  // Taken before reading: a concurrent application of the same talent conflicts and is retried.
  await takeLock(models.HousingLock, `talent:${request.talentId}`, session);
  const open = await models.TalentApartmentApplication.find(
    { talentId: request.talentId, status: { $in: OPEN_APPLICATION_STATUSES } },
    { project: 1, status: 1 },
    { session },
  ).lean<TalentApartmentApplicationDoc[]>();
  return apartmentApplicationProblems(request.program, request.form, open, request.prefix);
}

/** Records the declarations and the SUBMITTED application, in the caller's transaction. */
async function recordApplication(models: HousingModels, request: ApplicationRequest, session: ClientSession): Promise<TalentApartmentApplicationDoc> {
  const { talentId, form, caseId, day } = request;
  // 住房情况以最新申报为准: a new application's declarations replace the household's earlier ones
  // (an application is only made with none open, so no open application rests on the old ones).
  await models.HomeOwnershipDeclaration.deleteMany({ talentId }, { session });
  await models.HomeOwnershipDeclaration.insertMany(
    form.declarations.map((declaration) => ({ talentId, ...declaration, declaredOn: day, caseId })),
    { session },
  );
  const [application] = await models.TalentApartmentApplication.create(
    [{ talentId, district: form.district, project: form.project, status: 'SUBMITTED', householdSize: form.householdSize, submittedOn: day, caseId }],
    { session },
  );
  return application.toObject() as TalentApartmentApplicationDoc;
}

/** Checks every rule; when none is broken, records the declarations and the application. */
export async function submitApplication(
  models: HousingModels,
  request: ApplicationRequest,
  session: ClientSession,
): Promise<{ application: TalentApartmentApplicationDoc | null; problems: FieldViolation[] }> {
  const problems = await checkApplication(models, request, session);
  if (problems.length > 0) return { application: null, problems };
  return { application: await recordApplication(models, request, session), problems: [] };
}

function wrongStatus(application: TalentApartmentApplicationDoc, action: { zh: string; en: string }, allowed: readonly ApartmentApplicationStatus[]) {
  const status = application.status as ApartmentApplicationStatus;
  return badUserInput('id', `申请当前为“${STATUS_ZH[status]}”，不能${action.zh}`, `the application is ${status}; only ${allowed.join(' or ')} can be ${action.en}`, { rule: 'APPLICATION_STATUS', status });
}

interface Step {
  /** The application's new fields. */
  set: Partial<TalentApartmentApplicationDoc>;
  /** The case task's change, when the application came from a case. */
  task: CaseTaskChange;
}

/**
 * One staff step on one application, in one transaction: find it, lock its project's queue, let
 * `decide` check and describe the step, write it, close the gap it leaves in the waitlist, and
 * change the case task it belongs to (the desk queues the report to the window).
 */
async function step(
  services: HousingServices,
  id: string,
  decide: (application: TalentApartmentApplicationDoc, session: ClientSession) => Promise<Step>,
): Promise<TalentApartmentApplicationDoc> {
  const objectId = parseObjectId(id, 'id');
  const { models, desk } = services;
  return services.connection.transaction(async (session) => {
    const application = await models.TalentApartmentApplication.findById(objectId, null, { session }).lean<TalentApartmentApplicationDoc>();
    if (!application) throw notFound('TalentApartmentApplication', `没有编号为 ${id} 的人才公寓申请`, 'no talent-apartment application with this id');
    await lockQueue(models, application, session);
    const { set, task } = await decide(application, session);
    const updated = await writeStep(models, application, set, session);
    const caseTask = await desk.taskForRecord(id, session);
    if (caseTask) await desk.change(caseTask._id, task, session);
    return updated;
  });
}

/** The project's queue, taken before a step reads it: a concurrent step on the same queue conflicts and is retried. */
function lockQueue(models: HousingModels, application: TalentApartmentApplicationDoc, session: ClientSession): Promise<void> {
  return takeLock(models.HousingLock, `queue:${application.district}|${application.project}`, session);
}

/** Writes a step's fields and closes the gap it leaves in the waitlist, in the caller's transaction (the queue locked). */
async function writeStep(models: HousingModels, application: TalentApartmentApplicationDoc, set: Step['set'], session: ClientSession): Promise<TalentApartmentApplicationDoc> {
  const updated = await models.TalentApartmentApplication.findOneAndUpdate({ _id: application._id }, { $set: set }, { session, returnDocument: 'after' }).lean<TalentApartmentApplicationDoc>();
  const leftPosition = application.status === 'WAITLISTED' && set.status !== 'WAITLISTED' ? application.waitlistPosition : null;
  if (leftPosition) {
    // Everyone behind moves up one: positions stay 1…n with no gap (rules.ts waitlistIsContiguous).
    await models.TalentApartmentApplication.updateMany(
      { district: application.district, project: application.project, status: 'WAITLISTED', waitlistPosition: { $gt: leftPosition } },
      { $inc: { waitlistPosition: -1 } },
      { session },
    );
  }
  return updated!;
}

/**
 * The applicant withdrew the case (withdraw.ts): an application SUBMITTED or WAITLISTED becomes
 * WITHDRAWN and the waitlist closes up behind it, as a staff step does, in the caller's
 * transaction; the desk changes the task. A decided application stays as it is.
 */
export async function withdrawApplicationIn(services: HousingServices, id: string, session: ClientSession): Promise<void> {
  const { models } = services;
  const application = await models.TalentApartmentApplication.findById(id, null, { session }).lean<TalentApartmentApplicationDoc>();
  if (!application || (application.status !== 'SUBMITTED' && application.status !== 'WAITLISTED')) return;
  await lockQueue(models, application, session);
  const decidedOn = todayInChina(services.environment.clock());
  await writeStep(models, application, { status: 'WITHDRAWN', waitlistPosition: null, decidedOn }, session);
}

/** 000 九；002 四: eligibility again, from the declarations on file, before a queue place or a unit. */
async function recheckEligibility(models: HousingModels, application: TalentApartmentApplicationDoc, session: ClientSession): Promise<void> {
  const declarations = await models.HomeOwnershipDeclaration.find({ talentId: application.talentId }, null, { session }).lean();
  const problems = allocationProblems(
    declarations.map((declaration) => ({ ...declaration, relation: declaration.relation as HomeOwnershipRelation })),
    application.district,
    'id',
  );
  if (problems.length > 0) throw problemsError(problems);
}

/** A submitted application joins its project's waitlist at the next free position; the task stays in progress. */
export function waitlistApplication(services: HousingServices, id: string): Promise<TalentApartmentApplicationDoc> {
  return step(services, id, async (application, session) => {
    if (application.status !== 'SUBMITTED') throw wrongStatus(application, { zh: '列入轮候', en: 'waitlisted' }, ['SUBMITTED']);
    await recheckEligibility(services.models, application, session);
    const queue = await services.models.TalentApartmentApplication.find(
      { district: application.district, project: application.project, status: 'WAITLISTED' },
      { waitlistPosition: 1 },
      { session },
    ).lean<TalentApartmentApplicationDoc[]>();
    const position = nextWaitlistPosition(queue.map((entry) => entry.waitlistPosition ?? 0));
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
  const reader = new FormReader('unit', { rule: 'FORM_SHAPE', source: 'TalentApartmentUnitInput' });
  reader.text(unit.building, 'building', 40);
  reader.text(unit.unitNumber, 'unitNumber', 20);
  if (!(unit.areaSqm > 0 && unit.areaSqm <= 500)) reader.problem('areaSqm', '建筑面积须大于 0 且不超过 500 平方米', 'area must be over 0 and at most 500 m²');
  reader.done();
}

/** A submitted or waitlisted application gets a unit of its project, eligibility checked again; the task is done. */
export function allocateApartment(services: HousingServices, id: string, unit: UnitInput): Promise<TalentApartmentApplicationDoc> {
  checkUnit(unit);
  const today = todayInChina(services.environment.clock());
  return step(services, id, async (application, session) => {
    if (application.status !== 'SUBMITTED' && application.status !== 'WAITLISTED') throw wrongStatus(application, { zh: '配租', en: 'allocated' }, ['SUBMITTED', 'WAITLISTED']);
    await recheckEligibility(services.models, application, session);
    const allocatedUnit = { project: application.project, building: unit.building.trim(), unitNumber: unit.unitNumber.trim(), areaSqm: unit.areaSqm };
    const taken = await services.models.TalentApartmentApplication.findOne(
      { 'allocatedUnit.project': allocatedUnit.project, 'allocatedUnit.building': allocatedUnit.building, 'allocatedUnit.unitNumber': allocatedUnit.unitNumber, status: 'ALLOCATED' },
      { _id: 1 },
      { session },
    ).lean();
    if (taken) {
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
export function rejectApartmentApplication(services: HousingServices, id: string, reason: string): Promise<TalentApartmentApplicationDoc> {
  const text = reason.trim();
  if (text === '' || text.length > 300) throw badUserInput('reason', '驳回理由须为 1 到 300 个字', 'the reason must be 1–300 characters');
  const today = todayInChina(services.environment.clock());
  return step(services, id, async (application) => {
    if (application.status !== 'SUBMITTED' && application.status !== 'WAITLISTED') throw wrongStatus(application, { zh: '驳回', en: 'rejected' }, ['SUBMITTED', 'WAITLISTED']);
    return {
      set: { status: 'REJECTED', rejectionReason: text, waitlistPosition: null, decidedOn: today },
      task: { status: 'REFUSED', step: 'REJECTED', note: '不予配租（application rejected）', reason: `不予配租：${text}（rejected by the housing office）` },
    };
  });
}

/**
 * The direct single service: the same rules as a case, every problem — of the input's shape and of
 * the rules — refused at once with BAD_USER_INPUT, and nothing written.
 */
export function applyDirectly(
  services: HousingServices,
  request: Omit<ApplicationRequest, 'caseId' | 'day' | 'prefix'>,
  shapeProblems: readonly Problem[],
): Promise<TalentApartmentApplicationDoc> {
  const day = todayInChina(services.environment.clock());
  const full: ApplicationRequest = { ...request, caseId: null, day, prefix: 'input' };
  return services.connection.transaction(async (session) => {
    const problems = [...shapeProblems, ...(await checkApplication(services.models, full, session))];
    if (problems.length > 0) throw problemsError(problems);
    return recordApplication(services.models, full, session);
  });
}

// Talent-apartment applications made — from a case or directly — with no transaction: the rules
// are read as before (application-rules.ts), then the application is written under its id once,
// carrying the "one open application" key (model.ts openSlot), so of two racing only one is open;
// then the household's declarations replace the earlier ones, each under an id of its own, so a
// retry after an interruption finds what was written and writes nothing twice.
import { Types } from 'mongoose';
import type { TalentApartmentForm } from '../kit/case-forms';
import { todayInChina } from '../kit/dates';
import { undeclaredHousehold, type RegisteredRelative } from '../kit/household-declaration';
import { derivedId, insertOnce, isDuplicateKey } from '../kit/mongo';
import { problemsError, type FieldViolation, type Problem } from '../kit/problems';
import type { Program } from '../kit/programs';
import { apartmentApplicationProblems, ONE_OPEN_APPLICATION_SOURCE, openApplicationProblems } from './application-rules';
import type { HousingServices } from './context';
import type { HomeOwnershipDeclarationDoc, HousingModels, TalentApartmentApplicationDoc } from './model';
import { OPEN_APPLICATION_STATUSES } from './rules';

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

/** The ids an application and its declarations are written under: the same on every retry. */
export interface ApplicationIds {
  application: Types.ObjectId;
  declarations: Types.ObjectId[];
}

/** The talent's open applications, the one being made left out (a retry must not refuse itself). */
function openApplications(models: HousingModels, talentId: string, applicationId: Types.ObjectId): Promise<TalentApartmentApplicationDoc[]> {
  return models.TalentApartmentApplication.find({ talentId, status: { $in: OPEN_APPLICATION_STATUSES }, _id: { $ne: applicationId } }, { project: 1, status: 1 }).lean<TalentApartmentApplicationDoc[]>();
}

/** Every rule (application-rules.ts) against the form and the talent's open applications. */
async function checkApplication(models: HousingModels, request: ApplicationRequest, applicationId: Types.ObjectId): Promise<FieldViolation[]> {
  return apartmentApplicationProblems(request.program, request.form, await openApplications(models, request.talentId, applicationId), request.prefix);
}

/**
 * Writes the SUBMITTED application once. Another open application holding the talent's key (one
 * that won a race since the rules were read) is answered with the same rule; a key still held by
 * an application since closed by a write that did not move it is freed first.
 */
async function recordApplication(models: HousingModels, request: ApplicationRequest, applicationId: Types.ObjectId): Promise<{ application: TalentApartmentApplicationDoc | null; problems: FieldViolation[] }> {
  const { talentId, form, caseId, day } = request;
  const document = { _id: applicationId, talentId, district: form.district, project: form.project, status: 'SUBMITTED', householdSize: form.householdSize, submittedOn: day, caseId, openSlot: talentId };
  for (let round = 0; round < 3; round += 1) {
    try {
      return { application: await insertOnce<TalentApartmentApplicationDoc>(models.TalentApartmentApplication, document as Partial<TalentApartmentApplicationDoc> & { _id: Types.ObjectId }), problems: [] };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const holder = await models.TalentApartmentApplication.findOne({ openSlot: talentId }).lean<TalentApartmentApplicationDoc>();
    if (holder && OPEN_APPLICATION_STATUSES.includes(holder.status)) return { application: null, problems: openApplicationProblems([holder], request.prefix) };
    if (holder) await models.TalentApartmentApplication.updateOne({ _id: holder._id, openSlot: talentId, status: holder.status }, { $set: { openSlot: holder._id.toString() } });
  }
  return {
    application: null,
    problems: [{ field: `${request.prefix}.talentId`, rule: 'ONE_OPEN_APPLICATION', zh: '已有一份未办结的人才公寓申请，不能重复申请', en: 'an open application already exists', source: ONE_OPEN_APPLICATION_SOURCE }],
  };
}

/**
 * 住房情况以最新申报为准: the application's declarations replace the household's earlier ones (an
 * application is only made with none other open, so no open application rests on the old ones).
 */
async function recordDeclarations(models: HousingModels, request: ApplicationRequest, ids: readonly Types.ObjectId[]): Promise<void> {
  const { talentId, form, caseId, day } = request;
  await models.HomeOwnershipDeclaration.deleteMany({ talentId, _id: { $nin: ids } });
  for (const [index, declaration] of form.declarations.entries()) {
    await insertOnce<HomeOwnershipDeclarationDoc>(models.HomeOwnershipDeclaration, { _id: ids[index], talentId, ...declaration, declaredOn: day, caseId } as Partial<HomeOwnershipDeclarationDoc> & { _id: Types.ObjectId });
  }
}

/**
 * Checks every rule; when none is broken, records the application and then its declarations. Run
 * again with the same ids, it finds the application written and finishes the declarations.
 */
export async function submitApplication(
  models: HousingModels,
  request: ApplicationRequest,
  ids: ApplicationIds,
): Promise<{ application: TalentApartmentApplicationDoc | null; problems: FieldViolation[] }> {
  let application = await models.TalentApartmentApplication.findById(ids.application).lean<TalentApartmentApplicationDoc>();
  if (!application) {
    const problems = await checkApplication(models, request, ids.application);
    if (problems.length > 0) return { application: null, problems };
    const recorded = await recordApplication(models, request, ids.application);
    if (!recorded.application) return recorded;
    application = recorded.application;
  }
  await recordDeclarations(models, request, ids.declarations);
  return { application, problems: [] };
}

/**
 * The direct single service: the same rules as a case, every problem — of the input's shape and of
 * the rules — refused at once with BAD_USER_INPUT, and nothing written. Its declarations must also
 * cover the household the window's registry knows (002 四), as the window checks for a case.
 */
export async function applyDirectly(
  services: HousingServices,
  request: Omit<ApplicationRequest, 'caseId' | 'day' | 'prefix'>,
  shapeProblems: readonly Problem[],
  family: readonly RegisteredRelative[],
): Promise<TalentApartmentApplicationDoc> {
  const day = todayInChina(services.environment.clock());
  const full: ApplicationRequest = { ...request, caseId: null, day, prefix: 'input' };
  const application = new Types.ObjectId();
  // A form out of shape has no declarations worth comparing with the registry.
  const undeclared = shapeProblems.length > 0 ? [] : undeclaredHousehold(family, full.form.declarations, day, 'input.declarations');
  const problems = [...shapeProblems, ...undeclared, ...(await checkApplication(services.models, full, application))];
  if (problems.length > 0) throw problemsError(problems);
  const declarations = full.form.declarations.map((_, index) => derivedId(`declaration:${application.toString()}`, index));
  const submitted = await submitApplication(services.models, full, { application, declarations });
  if (!submitted.application) throw problemsError(submitted.problems);
  return submitted.application;
}

// 申领主卡 (applyForCard): program, eligibility category and its clause, the materials, the
// employer's confirmation. Every failed condition and every missing material is listed at once, and
// nothing is stored (一次性告知). Accepted, the application is ONE insert under an id derived from
// its request key, its first stage and due day already set and the 申报 in its timeline: the same
// request sent again — at once or after a lost answer — finds the one application.
import { createHash } from 'node:crypto';
import type { GraphQLError } from 'graphql';
import type { Viewer } from '../../kit/context';
import { todayInChina } from '../../kit/dates';
import { isObjectIdString } from '../../kit/ids';
import { inputFormat } from '../../kit/input-format';
import { requestKeyProblems } from '../../kit/request-key';
import { derivedId, isDuplicateKey } from '../../kit/mongo';
import { problemsError, type Problem } from '../../kit/problems';
import type { WorkingCalendar } from '../../kit/working-days';
import { eligibilityCategory } from '../rules';
import { cardEligibilityViolations, type CardEligibilityFacts, type EmployerConfirmation } from './eligibility';
import { CARD_MATERIALS, cardMaterialsFor, type CardMaterialCode } from './materials';
import type { TalentDoc, TalentModels } from '../model';
import { cardStatusOn } from '../rules';
import { fraudBarProblems } from './management';
import type { CardApplicationDoc, CardLifeModels, PersonDoc } from './model';
import { firstStage, PROGRAM_CLAUSES, type CardProgramCode } from './stages';

export interface ApplyForCardInput {
  requestKey: string;
  personId: string;
  program: CardProgramCode;
  category: string;
  subItem?: number | null;
  materials: CardMaterialCode[];
  employerConfirmation: EmployerConfirmation;
  facts: CardEligibilityFacts;
}

/** The claim an open application holds (model.ts openClaim); a closed one's is its own. */
export function openClaimOf(personId: string, program: string, closedId?: string): string {
  return closedId ? `${personId}:${program}:closed:${closedId}` : `${personId}:${program}`;
}

export const SUPPORTED_PROGRAMS: readonly CardProgramCode[] = ['GUANGZHOU_GREEN_CARD', 'BAIYUN_YUNJU', 'WUHAN_GREEN_CHANNEL'];

/**
 * 荔湾英才卡: 002 is the holders' service guide and sets no application procedure (who applies, the
 * stages, their limits), so the window has no rule to take one by; the refusal says where it is made.
 */
export function programNotAcceptedProblem(field: string): Problem {
  return { field, zh: '荔湾英才卡的申领程序不在本窗口依据的文件中（002 为持卡人服务指南，未规定申领程序），请向荔湾区人才工作部门申领', en: 'the Liwan card’s application procedure is not in the documents this window works by (002 is the holders’ service guide): apply to the Liwan talent office', rule: 'PROGRAM_NOT_ACCEPTED_HERE', source: '002' };
}

function refuse(problems: Problem[], extensions: Record<string, unknown> = {}): GraphQLError {
  return problemsError(problems, { lead: { zh: `申领未受理，共 ${problems.length} 处需补正：`, en: 'the application was not accepted: ' }, extensions });
}

function fingerprintOf(input: ApplyForCardInput): string {
  const { requestKey: _key, ...content } = input;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

function sameRequest(stored: CardApplicationDoc, fingerprint: string): CardApplicationDoc {
  if (stored.fingerprint !== fingerprint) throw refuse([{ field: 'input.requestKey', zh: '该请求键已用于另一份不同的申领', en: 'this requestKey was already used for a different application', ...inputFormat('INPUT_REQUEST_KEY_REUSED') }]);
  return stored;
}

export interface ApplyDeps {
  /** The registry too: a fraud termination there bars the applicant and the unit (003 九（三）). */
  models: CardLifeModels & TalentModels;
  calendar: WorkingCalendar;
  now: Date;
  viewer: Viewer;
}

export async function applyForCard(deps: ApplyDeps, input: ApplyForCardInput): Promise<CardApplicationDoc> {
  const keyProblems = requestKeyProblems(input.requestKey);
  if (keyProblems.length > 0) throw refuse(keyProblems);
  const fingerprint = fingerprintOf(input);
  const earlier = await deps.models.CardApplication.findOne({ requestKey: input.requestKey }).lean<CardApplicationDoc>();
  if (earlier) return sameRequest(earlier, fingerprint);
  if (!SUPPORTED_PROGRAMS.includes(input.program)) {
    throw refuse([programNotAcceptedProblem('input.program')]);
  }
  const applicant = await applicantOf(deps.models, input.personId);
  if (!applicant) throw refuse([{ field: 'input.personId', zh: `未找到登记人员或持卡人 ${input.personId.slice(0, 30)}：请先登记`, en: 'no registered person or card holder with this id: register first', rule: 'PERSON_NOT_REGISTERED', source: '003 七（一）' }]);
  const person = applicant.person;
  const today = todayInChina(deps.now);
  const open = await deps.models.CardApplication.findOne({ openClaim: openClaimOf(person._id.toString(), input.program) }, { _id: 1 }).lean<{ _id: unknown }>();

  const problems: Problem[] = await fraudBarProblems(deps.models, person, input.employerConfirmation.unit, today);
  if (open) problems.push({ field: 'input.personId', zh: `已有一份办理中的申领 ${String(open._id)}`, en: `an application is already in progress: ${String(open._id)}`, rule: 'APPLICATION_IN_PROGRESS', source: PROGRAM_CLAUSES[input.program].process });
  const holding = applicant.holder ? reapplication(applicant.holder, input.program, today) : { problems: [], priority: null };
  problems.push(...holding.problems);
  const violations = cardEligibilityViolations({
    program: input.program,
    category: input.category,
    subItem: input.subItem,
    facts: input.facts,
    applicant: { birthDate: person.birthDate, degree: person.degree, nationality: person.nationality, idDocumentType: person.idDocument.type, employer: person.employer },
    employer: input.employerConfirmation,
    today,
  });
  problems.push(...violations.map((violation) => ({ ...violation, field: `input.${violation.field}` })));
  const needed = cardMaterialsFor({ program: input.program, category: input.category, subItem: input.subItem, idDocumentType: person.idDocument.type as never, nationality: person.nationality });
  const missing = needed.filter((need) => !input.materials.includes(need.code));
  for (const need of missing) {
    problems.push({ field: 'input.materials', zh: `缺少申报材料「${CARD_MATERIALS[need.code].zh}」`, en: `missing material ${need.code}`, rule: 'CARD_MATERIAL_MISSING', source: need.source });
  }
  if (problems.length > 0) throw refuse(problems, { missingMaterials: missing.map((need) => ({ code: need.code, name: CARD_MATERIALS[need.code].zh, key: true })) });

  const stage = firstStage(input.program);
  const id = derivedId('card-application', input.requestKey);
  const dueOn = deps.calendar.addWorkingDays(today, stage.limitWorkingDays);
  const category = eligibilityCategory(input.category);
  const document = {
    _id: id,
    requestKey: input.requestKey,
    fingerprint,
    personId: person._id.toString(),
    program: input.program,
    category: input.category,
    subItem: input.subItem ?? null,
    facts: input.facts,
    materials: input.materials,
    employer: input.employerConfirmation,
    status: 'IN_PROGRESS',
    stage: stage.stage,
    round: 1,
    stageStartedOn: today,
    stageDueOn: dueOn,
    materialsToSupply: [],
    cardNumber: null,
    // A holder applying again is already in the registry: issuing renews their record (issue.ts).
    talentId: applicant.holder ? person._id.toString() : null,
    priority: holding.priority,
    directRecognitionRecommended: false,
    openClaim: openClaimOf(person._id.toString(), input.program),
    submittedAt: deps.now,
    timeline: [{ at: deps.now, stage: 'APPLICATION', round: 1, decision: 'SUBMITTED', actor: person.name, recordedBy: deps.viewer.subject, note: `申报：${category.label}（${category.source}）${holding.priority ? `；优先办理：${holding.priority.reason}（${holding.priority.source}）` : ''}`, dueOn: null }],
    version: 1,
  };
  try {
    await deps.models.CardApplication.insertMany([document]);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const stored = await deps.models.CardApplication.findOne({ requestKey: input.requestKey }).lean<CardApplicationDoc>();
    if (stored) return sameRequest(stored, fingerprint);
    // Another application of the person for the program was stored at the same moment.
    const other = await deps.models.CardApplication.findOne({ openClaim: document.openClaim }, { _id: 1 }).lean<{ _id: unknown }>();
    if (!other) throw error;
    throw refuse([{ field: 'input.personId', zh: `已有一份办理中的申领 ${String(other._id)}`, en: `an application is already in progress: ${String(other._id)}`, rule: 'APPLICATION_IN_PROGRESS', source: PROGRAM_CLAUSES[input.program].process }]);
  }
  return (await deps.models.CardApplication.findById(id).lean<CardApplicationDoc>())!;
}

/** Who applies: a registered person (registerPerson), or a holder already in the registry applying again. */
async function applicantOf(models: CardLifeModels & TalentModels, id: string): Promise<{ person: PersonDoc; holder: TalentDoc | null } | null> {
  if (!isObjectIdString(id)) return null;
  const [person, holder] = await Promise.all([models.Person.findById(id).lean<PersonDoc>(), models.Talent.findById(id).lean<TalentDoc>()]);
  // The registry's record is the current one (变更 updates it) and carries every field a registration
  // does (issue.ts talentOf writes it from one).
  if (holder) return { person: holder as unknown as PersonDoc, holder };
  return person ? { person, holder: null } : null;
}

export interface ApplicationPriority {
  reason: string;
  source: string;
}

/**
 * A holder applying again. The registry keeps one main card per holder: a card still in force is not
 * applied for again — the same program's is renewed (003 六（三）3). A card that lapsed (its management
 * period ended, it moved to the 联系名单, or it was revoked) is replaced by the new one when issued
 * (issue.ts); in Baiyun its holder goes first (001 第六条: "管理期满后……原持卡人可优先重新申报";
 * （一）"持卡人重新符合认定条件，申报时可优先开通人才服务功能").
 */
export function reapplication(holder: TalentDoc, program: string, today: string): { problems: Problem[]; priority: ApplicationPriority | null } {
  const status = cardStatusOn(holder.mainCard, today);
  if (status === 'ACTIVE') {
    const same = holder.program === program;
    const renew = same && program === 'GUANGZHOU_GREEN_CARD' ? '，有效期满前 30 日内可申请续办' : '';
    return {
      problems: [{
        field: 'input.personId',
        zh: `持卡人的${programName(holder.program)} ${holder.mainCard.number} 仍在管理期内，${same ? '无需重新申领' : '登记册每人一张主卡，期满或转出后方可申领其他项目'}${renew}`,
        en: same ? 'the holder’s card is still in force' : 'the holder’s card of another program is still in force: the registry keeps one main card per holder',
        rule: 'CARD_STILL_IN_FORCE',
        source: same ? PROGRAM_CLAUSES[program as CardProgramCode].inForce : '人才卡登记册：每人一张主卡（system constraint）',
      }],
      priority: null,
    };
  }
  if (program !== 'BAIYUN_YUNJU' || holder.program !== program || status === 'REVOKED') return { problems: [], priority: null };
  return {
    problems: [],
    priority: status === 'EXPIRED'
      ? { reason: `原卡 ${holder.mainCard.number} 管理期已满，原持卡人优先重新申报`, source: '001 第六条' }
      : { reason: `原卡 ${holder.mainCard.number} 已转入联系名单，重新符合认定条件的优先开通人才服务功能`, source: '001 第六条（一）' },
  };
}

function programName(program: string): string {
  return { BAIYUN_YUNJU: '白云区云聚英才卡', GUANGZHOU_GREEN_CARD: '广州市人才绿卡', LIWAN_YINGCAI: '荔湾英才卡', WUHAN_GREEN_CHANNEL: '武汉高层次人才绿色通道' }[program] ?? program;
}

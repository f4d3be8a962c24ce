// 统一受理 (004 第七至九条): the window accepts a request once. Everything wrong with it — card,
// program, forms, materials — is told at once (一次性告知, 第八条; 002 二（二）2), and nothing is
// stored. Accepted, the case is ONE insert: its items, each part's hand-over state, and its
// archive's first events all live in the case document, and its unique request key makes the
// insert itself the idempotency claim — the same request sent twice, at once or later, finds the
// one case; there is no half-stored state to finish or release. The dispatcher then hands each
// department its part.
import { createHash } from 'node:crypto';
import type { GraphQLError } from 'graphql';
import { Types } from 'mongoose';
import { SERVICE_DEPARTMENT, type ServiceCode } from '../../kit/case-forms';
import { addDays, todayInChina } from '../../kit/dates';
import { isObjectIdString } from '../../kit/ids';
import { inputFormat } from '../../kit/input-format';
import { requestKeyProblems } from '../../kit/request-key';
import { pendingDelivery } from '../../kit/delivery';
import { isDuplicateKey } from '../../kit/mongo';
import { problemsError, type Problem } from '../../kit/problems';
import type { SubgraphEnvironment } from '../../kit/subgraph';
import { catalogItem, MATERIALS } from '../catalog';
import type { CaseDoc, CaseItemDoc, CaseModels } from '../case-model';
import { archiveEvents, eventId, workDueAt, type NewEvent } from './case-store';
import type { TalentModels, TalentDoc } from '../model';
import { cardProblems, programProblems } from './eligibility';
import { readItemForm, type CaseItemInput } from './forms';
import { MAX_DEFERRAL_DAYS, missingMaterials } from './materials';
import { caseFigures, itemFigures } from './figures';

export interface SubmitCaseInput {
  requestKey: string;
  talentId: string;
  items: CaseItemInput[];
  materials: string[];
  deferral?: { promisedBy: string; statement: string } | null;
  specialist?: string | null;
}

export interface IntakeDeps {
  talents: TalentModels;
  cases: CaseModels;
  environment: SubgraphEnvironment;
  /** Asks the dispatcher to hand out the new case's parts now. */
  dispatchSoon(): void;
}

const MAX_ITEMS = 13;

/** Not accepted: every problem at once (一次性告知), and how many need correcting (需补正). */
function refuse(problems: Problem[], extensions: Record<string, unknown> = {}): GraphQLError {
  return problemsError(problems, { lead: { zh: `办件未受理，共 ${problems.length} 处需补正：`, en: 'the request was not accepted: ' }, extensions });
}

function fingerprintOf(input: SubmitCaseInput): string {
  const { requestKey: _key, ...content } = input;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

export async function submitCase(deps: IntakeDeps, input: SubmitCaseInput): Promise<CaseDoc> {
  const keyProblems = requestKeyProblems(input.requestKey);
  if (keyProblems.length > 0) throw refuse(keyProblems);
  const fingerprint = fingerprintOf(input);
  const earlier = await deps.cases.Case.findOne({ requestKey: input.requestKey }).lean<CaseDoc>();
  if (earlier) return sameRequest(earlier, fingerprint);

  const now = deps.environment.clock();
  const today = todayInChina(now);
  const talent = isObjectIdString(input.talentId) ? await deps.talents.Talent.findById(input.talentId).lean<TalentDoc>() : null;
  // 001 第六条: the services are the card holder's; an id the registry does not know holds no card.
  if (!talent) throw refuse([{ field: 'input.talentId', zh: `未找到人才 ${input.talentId.slice(0, 30)}`, en: 'no talent with this id', rule: 'TALENT_UNKNOWN', source: '001 第六条' }]);

  const problems: Problem[] = [];
  const services = input.items.map((item) => item.service);
  if (services.length === 0 || services.length > MAX_ITEMS) problems.push({ field: 'input.items', zh: `请选择 1 至 ${MAX_ITEMS} 个事项`, en: `choose 1–${MAX_ITEMS} items`, ...inputFormat('INPUT_ITEM_COUNT') });
  services.forEach((service, index) => {
    if (services.indexOf(service) !== index) problems.push({ field: `input.items.${index}.service`, zh: `事项 ${service} 重复`, en: `item ${service} is listed twice`, ...inputFormat('INPUT_ITEM_DUPLICATE') });
  });
  for (const problem of [...cardProblems(talent, today), ...programProblems(talent.program, services)]) {
    const index = problem.item ? services.indexOf(problem.item) : -1;
    problems.push({ field: index >= 0 ? `input.items.${index}.service` : 'input.talentId', zh: problem.message, en: problem.code, rule: problem.code, source: problem.source });
  }
  const forms = input.items.map((item, index) => readItemForm(item, index, talent, now, today));
  problems.push(...forms.flatMap((result) => result.problems));
  const specialist = input.specialist?.trim() || null;
  if (specialist && specialist.length > 60) problems.push({ field: 'input.specialist', zh: '专员姓名不超过 60 个字', en: 'specialist name: at most 60 characters', ...inputFormat('INPUT_TOO_LONG') });

  const missing = missingMaterials(services, input.materials);
  for (const material of missing.key) {
    problems.push({ field: 'input.materials', zh: `缺少关键材料「${material.name}」`, en: `missing key material ${material.code}`, rule: 'KEY_MATERIAL_MISSING', source: '002 二（二）2' });
  }
  const pendingMaterials = deferredMaterials(input, missing.nonKey.map((material) => material.code), today, problems);

  if (problems.length > 0) {
    throw refuse(problems, { missingMaterials: [...missing.key, ...missing.nonKey].map((material) => ({ code: material.code, name: material.name, key: material.key })) });
  }

  const items: CaseItemDoc[] = input.items.map((item, index) => ({
    service: item.service,
    department: SERVICE_DEPARTMENT[item.service],
    form: forms[index].form as unknown as Record<string, unknown>,
    status: 'PENDING',
    open: true,
    step: null,
    note: null,
    reason: null,
    // Time limits count in working days from the day of acceptance (004 第六条).
    dueOn: deps.environment.calendar.addWorkingDays(today, catalogItem(item.service).timeLimitWorkingDays),
    dispatchedAt: null,
    completedAt: null,
    sequence: 0,
    dispatch: pendingDelivery(now),
    recall: null,
  }));
  return storeCase(deps, input, fingerprint, talent, items, pendingMaterials, now);
}

/** The key names a stored case: the same request gets it back; a different one is refused. */
function sameRequest(stored: CaseDoc, fingerprint: string): CaseDoc {
  if (stored.fingerprint !== fingerprint) {
    throw refuse([{ field: 'input.requestKey', zh: '该请求键已用于另一份不同的申请', en: 'this requestKey was already used for a different request', ...inputFormat('INPUT_REQUEST_KEY_REUSED') }]);
  }
  return stored;
}

function deferredMaterials(input: SubmitCaseInput, nonKey: string[], today: string, problems: Problem[]): CaseDoc['pendingMaterials'] {
  const deferral = input.deferral;
  if (nonKey.length === 0) {
    if (deferral) problems.push({ field: 'input.deferral', zh: '材料齐全，无需容缺承诺', en: 'nothing is missing: no deferral promise is needed', rule: 'DEFERRAL_NOT_NEEDED', source: '002 二（一）2' });
    return [];
  }
  if (!deferral) {
    for (const code of nonKey) {
      problems.push({ field: 'input.materials', zh: `缺少非关键材料「${MATERIALS[code as keyof typeof MATERIALS].zh}」：可提交容缺承诺书并承诺补齐期限`, en: `missing non-key material ${code}: supply it or promise it (deferral)`, rule: 'NON_KEY_MATERIAL_MISSING', source: '002 二（一）2' });
    }
    return [];
  }
  if (deferral.promisedBy <= today || deferral.promisedBy > addDays(today, MAX_DEFERRAL_DAYS)) {
    problems.push({ field: 'input.deferral.promisedBy', zh: `补齐期限须在今天之后 ${MAX_DEFERRAL_DAYS} 天以内`, en: `promise a day within ${MAX_DEFERRAL_DAYS} days after today`, rule: 'DEFERRAL_DEADLINE', source: '002 二（一）2' });
  }
  const statement = deferral.statement.trim();
  if (statement.length < 4 || statement.length > 1000) problems.push({ field: 'input.deferral.statement', zh: '容缺承诺书须为 4–1000 个字', en: 'the written promise must be 4–1000 characters', rule: 'DEFERRAL_STATEMENT', source: '002 二（一）2' });
  return nonKey.map((code) => ({ code, promisedBy: deferral.promisedBy, suppliedAt: null }));
}

async function storeCase(
  deps: IntakeDeps,
  input: SubmitCaseInput,
  fingerprint: string,
  talent: TalentDoc,
  items: CaseItemDoc[],
  pendingMaterials: CaseDoc['pendingMaterials'],
  now: Date,
): Promise<CaseDoc> {
  const caseId = new Types.ObjectId();
  const names = items.map((item) => catalogItem(item.service as ServiceCode).zh).join('、');
  const events: NewEvent[] = [
    { at: now, kind: 'SUBMITTED', department: null, service: null, message: `窗口受理：${names}（accepted at the window）` },
    ...(pendingMaterials.length
      ? [{ at: now, kind: 'DEFERRED_MATERIALS', department: null, service: null, message: `容缺受理：${pendingMaterials.map((material) => MATERIALS[material.code as keyof typeof MATERIALS].zh).join('、')} 承诺于 ${pendingMaterials[0].promisedBy} 前补齐` }]
      : []),
  ];
  const unarchived = events.map((event, index) => ({ ...event, _id: eventId(caseId.toString(), index + 1), caseId: caseId.toString() }));
  // The intake snapshot for the figures: the talent's program and district as they are today.
  const snapshot = { program: talent.program, district: talent.district, acceptedAt: now };
  const dueOn = items.map((item) => item.dueOn).sort().at(-1)!;
  const document: CaseDoc = {
    _id: caseId,
    requestKey: input.requestKey,
    fingerprint,
    talentId: talent._id.toString(),
    program: talent.program,
    district: talent.district,
    specialist: input.specialist?.trim() || null,
    status: 'RECEIVED',
    items: items.map((item) => ({ ...item, figures: itemFigures(snapshot, item, catalogItem(item.service).timeLimitWorkingDays) })),
    materials: input.materials,
    pendingMaterials,
    deferralStatement: input.deferral?.statement.trim() ?? null,
    submittedAt: now,
    acceptedAt: now,
    dueOn,
    deliveredAt: null,
    closedReason: null,
    workDueAt: null,
    eventCount: unarchived.length,
    unarchived,
    deliveryFailed: false,
    figures: caseFigures(snapshot, dueOn, deps.environment.calendar),
    __v: 0,
  };
  document.workDueAt = workDueAt(document, now);
  try {
    await deps.cases.Case.insertMany([document]);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // The same key was stored by a submission at the same moment: that case is the answer.
    const stored = await deps.cases.Case.findOne({ requestKey: input.requestKey }).lean<CaseDoc>();
    if (!stored) throw error;
    return sameRequest(stored, fingerprint);
  }
  deps.dispatchSoon();
  return archiveEvents(deps.cases, document, deps.environment.clock);
}

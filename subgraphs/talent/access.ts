// Who may do and see what at the window (issue 4), declared beside schema.graphql.
//
// Changes: the talent or the window submits (统一受理); only the window records materials, delivers
// (统一交付) and issues 副卡; the talent (their own case) or the window withdraws it; departments
// report, and hand over audit events, as services.
//
// Reads (kit/read-access.ts levels): the card registry's identity data — names, birth dates, ID
// documents, phones, card numbers, employer and position — is for everyone but analysts, who see
// counts and statuses only; department staff see these identity basics (masked numbers, pii.ts).
// The window's free text about a case (progress notes, refusal reasons, the timeline's messages)
// is for the talent and the window, not for analysts or department staff, who read their own
// department's part of the case in their own subgraph. Which talent a talent may see at all is
// decided where a talent or case is looked up (access checks in resolvers.ts, cases/resolvers.ts).
import { anyOf, servicesOnly, talentOwningRecord, talentThemself, windowStaff, type MutationRule } from '../kit/mutation-access';
import { anyStageRule } from './cards/stages';
import type { TalentContext } from './resolvers';
import type { ReadPolicy } from '../kit/read-access';
import { allFiguresReaders, caseFiguresReaders, type FiguresRule } from '../kit/stats';

// The card's life (cards/): a person registers themself (a talent token, stored under its own talent
// id) or the window registers them; the person (their own) or the window applies and supplies what a
// return asks for; each stage is recorded by the roles its rule names (cards/stages.ts) — the window's
// own stages by coordinators and specialists, another authority's by a coordinator on its behalf.
const talentOrWindow: MutationRule = (viewer, args, context) => viewer.role === 'talent' || windowStaff(viewer, args, context);
const stageRecorder: MutationRule = (viewer, args) => anyStageRule(String((args.input as { stage?: unknown } | undefined)?.stage))?.recorders.includes(viewer.role) ?? false;

export const MUTATION_ACCESS: Record<string, MutationRule> = {
  submitCase: anyOf(talentThemself((args) => (args.input as { talentId?: string } | undefined)?.talentId), windowStaff),
  supplyCaseMaterials: windowStaff,
  deliverCase: windowStaff,
  retryCaseDelivery: windowStaff,
  withdrawCase: anyOf(talentOwningRecord<TalentContext>((context) => context.cases.Case, 'caseId'), windowStaff),
  issueAffiliatedCard: windowStaff,
  registerPerson: talentOrWindow,
  applyForCard: anyOf(talentThemself((args) => (args.input as { personId?: string } | undefined)?.personId), windowStaff),
  recordCardApplicationStep: stageRecorder,
  resubmitCardApplication: anyOf(talentOwningRecord<TalentContext>((context) => context.cardLife.CardApplication, 'applicationId'), windowStaff),
  // 动态管理 (001 第六条): the window records assessments, contact-list moves, terminations and retirements.
  recordCardAssessment: windowStaff,
  moveToContactList: windowStaff,
  terminateCard: windowStaff,
  recordCardRetirement: windowStaff,
  // 变更 (003 六（三）1): the holder reports their own change, or the window records it.
  recordCardChange: anyOf(talentThemself((args) => (args.input as { talentId?: string } | undefined)?.talentId), windowStaff),
  // 补办 (003 六（三）2) at the window; 续办 (六（三）3) by the holder themself or the window.
  reissueCard: windowStaff,
  renewCard: anyOf(talentThemself((args) => (args.input as { talentId?: string } | undefined)?.talentId), windowStaff),
  recordCaseTaskReport: servicesOnly,
  recordAuditEvents: servicesOnly,
};

export const READ_ACCESS: ReadPolicy = {
  FamilyMember: { '*': 'status', name: 'identity', birthDate: 'identity', idDocument: 'identity', cardNumber: 'identity' },
  IdDocument: { '*': 'identity', type: 'status' },
  Talent: { '*': 'status', name: 'identity', nameEn: 'identity', birthDate: 'identity', idDocument: 'identity', phone: 'identity', employer: 'identity', position: 'identity', assessments: 'detail', cardChanges: 'detail', cardHistory: 'identity' },
  Card: { '*': 'status', number: 'identity', holderName: 'identity', contactListReason: 'detail', terminationReason: 'detail' },
  CardAssessment: { '*': 'status', note: 'detail', recordedBy: 'identity' },
  // Earlier card numbers are read like the card number (identity); the statement like other window notes.
  CardHistoryEntry: { '*': 'status', number: 'identity', note: 'detail', recordedBy: 'identity' },
  CardChange: { '*': 'status', recordedBy: 'identity' }, // the list itself is 'detail' (Talent.cardChanges)
  // 003 九（四）: a yes/no answer, for whoever may ask (the query itself is limited and audited).
  CardVerification: { '*': 'status' },
  Case: { '*': 'status', specialist: 'identity' },
  CaseItem: { '*': 'status', note: 'detail', reason: 'detail' },
  CaseEvent: { '*': 'status', message: 'detail' },
  CaseItemDelivery: { '*': 'status', lastError: 'detail' },
  // The catalog, requirements, pages and the audit archive (coordinators only, at its root field).
  EligibilityCategory: { '*': 'status' },
  TalentConnection: { '*': 'status' },
  TalentEdge: { '*': 'status' },
  PageInfo: { '*': 'status' },
  ServiceItem: { '*': 'status' },
  CatalogMaterial: { '*': 'status' },
  Requirements: { '*': 'status' },
  RequiredMaterial: { '*': 'status' },
  EligibilityProblem: { '*': 'status' },
  PendingMaterial: { '*': 'status' },
  CaseConnection: { '*': 'status' },
  CaseEdge: { '*': 'status' },
  AuditEvent: { '*': 'status' },
  AuditEventConnection: { '*': 'status' },
  AuditEventEdge: { '*': 'status' },
  AuditRead: { '*': 'status' },
  // The card's life: a registered person's identity data as the registry's; a step's recorder and note as a case's.
  RegisteredPerson: { '*': 'status', name: 'identity', nameEn: 'identity', birthDate: 'identity', idDocument: 'identity', phone: 'identity', employer: 'identity', position: 'identity' },
  CardApplication: { '*': 'status', cardNumber: 'identity' },
  CardApplicationStep: { '*': 'status', recordedBy: 'identity', note: 'detail' },
  CardApplicationPriority: { '*': 'status' },
  CardMaterial: { '*': 'status' },
  CardStageInfo: { '*': 'status' },
  CardRequirements: { '*': 'status' },
  CardApplicationConnection: { '*': 'status' },
  CardApplicationEdge: { '*': 'status' },
  // Figures (stats.ts): counts and statuses only, no names; small groups are suppressed for analysts (kit/stats.ts).
  CaseStats: { '*': 'status' },
  CaseStatsRow: { '*': 'status' },
  TalentStats: { '*': 'status' },
  TalentStatsRow: { '*': 'status' },
  CardApplicationStats: { '*': 'status' },
  CardApplicationStatsRow: { '*': 'status' },
};

// Figures (统计, issue 10): coordinators and analysts read all of them; the window's specialists the
// case figures they work by; a department's staff the case figures of its own parts (stats.ts
// narrows the filter to it) and its own records' figures in its subgraph.
export const FIGURES_ACCESS: Record<string, FiguresRule> = {
  caseStats: caseFiguresReaders,
  talentStats: allFiguresReaders,
  cardApplicationStats: allFiguresReaders,
};

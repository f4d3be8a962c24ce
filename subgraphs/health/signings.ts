// 家庭医生签约 (002 八（四）, Liwan): a term is signed only if it overlaps no other term of the
// holder's, also when two signings for one talent arrive at the same moment — with no transaction.
// A signing first claims its term in the talent's signing document (model.ts FamilyDoctorSigningDoc)
// with one conditional write at the version its rule check read, then writes the contract. A claim
// whose contract is not written yet (the signing was interrupted) is written by whoever reads it
// next, so a signing is never lost, and never doubled (the contract's id is in the claim).
import { GraphQLError } from 'graphql';
import { Types } from 'mongoose';
import { insertOnce, isDuplicateKey } from '../kit/mongo';
import type { RuleOutcome } from '../kit/problems';
import type { Program } from '../kit/programs';
import type { FamilyDoctorClaim, FamilyDoctorContractDoc, FamilyDoctorSigningDoc, HealthModels } from './model';
import { familyDoctorSigningViolations, familyDoctorTermEnd, type FamilyDoctorPackage, type FamilyDoctorTerm } from './rules';

export interface FamilyDoctorRequest {
  talentId: string;
  program: Program;
  communityHealthCentre: string;
  team: string;
  package: FamilyDoctorPackage;
  startsOn: string;
  caseId: string | null;
}

export interface SignedContract {
  contract: FamilyDoctorContractDoc;
  /** Terms the holder signed before this one (续约、改签). */
  renewals: number;
}

/** Claims lost to other signings of the same talent before this one gives up. */
const MAX_ROUNDS = 6;

const busy = () =>
  new GraphQLError('该人才正在办理另一家庭医生签约，请稍后重试（another family-doctor signing for this talent is under way; retry shortly）', {
    extensions: { code: 'REQUEST_IN_PROGRESS', retryAfterMs: 1000 },
  });

/** A claim's key in the signing document: never all digits, whatever the id. */
const claimKey = (contractId: Types.ObjectId | string) => `c${contractId.toString()}`;

/**
 * Signs `request` as the contract `contractId` if the rules allow it (002 八（四）). Run again with
 * the same id (a case task's decision after an interruption) it finds that contract and answers it.
 */
export async function signFamilyDoctor(models: HealthModels, request: FamilyDoctorRequest, today: string, contractId: Types.ObjectId): Promise<RuleOutcome<SignedContract>> {
  const key = claimKey(contractId);
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const signing = await signingOf(models, request.talentId);
    const terms = await termsOf(models, signing, request.talentId);
    const others = terms.filter((term) => !term._id.equals(contractId));
    const own = terms.find((term) => term._id.equals(contractId));
    if (own) return signed(own, others);
    const candidate: FamilyDoctorTerm = {
      communityHealthCentre: request.communityHealthCentre,
      team: request.team,
      package: request.package,
      startsOn: request.startsOn,
      endsOn: familyDoctorTermEnd(request.startsOn),
    };
    const violations = familyDoctorSigningViolations(request.program, others, candidate, today);
    if (violations.length > 0) return { record: null, violations };
    const claim: FamilyDoctorClaim = { contractId: contractId.toString(), caseId: request.caseId, ...candidate };
    // At the version read: a term claimed meanwhile makes this miss, and the next round checks beside it.
    const claimed = await models.FamilyDoctorSigning.updateOne({ _id: request.talentId, version: signing.version }, { $inc: { version: 1 }, $set: { [`claims.${key}`]: claim } });
    if (claimed.modifiedCount !== 1) continue;
    return signed(await writeContract(models, request.talentId, claim), others);
  }
  throw busy();
}

function signed(contract: FamilyDoctorContractDoc, others: readonly FamilyDoctorContractDoc[]): RuleOutcome<SignedContract> {
  return { record: { contract, renewals: others.filter((term) => term.startsOn < contract.startsOn).length }, violations: null };
}

/** The talent's signing document, made empty on first use. */
async function signingOf(models: HealthModels, talentId: string): Promise<FamilyDoctorSigningDoc> {
  const found = await models.FamilyDoctorSigning.findById(talentId).lean<FamilyDoctorSigningDoc>();
  if (found) return found;
  await models.FamilyDoctorSigning.updateOne({ _id: talentId }, { $setOnInsert: { version: 0, claims: {} } }, { upsert: true }).catch((error: unknown) => {
    if (!isDuplicateKey(error)) throw error;
  });
  return (await models.FamilyDoctorSigning.findById(talentId).lean<FamilyDoctorSigningDoc>())!;
}

/** Every term of the talent, in order: the contracts, and any claimed contract not written yet (written now). */
async function termsOf(models: HealthModels, signing: FamilyDoctorSigningDoc, talentId: string): Promise<FamilyDoctorContractDoc[]> {
  const contracts = await models.FamilyDoctorContract.find({ talentId }).sort({ startsOn: 1 }).lean<FamilyDoctorContractDoc[]>();
  const written = new Set(contracts.map((contract) => contract._id.toString()));
  for (const claim of Object.values(signing.claims ?? {})) {
    if (!written.has(claim.contractId)) contracts.push(await writeContract(models, talentId, claim));
  }
  return contracts.sort((a, b) => a.startsOn.localeCompare(b.startsOn));
}

function writeContract(models: HealthModels, talentId: string, claim: FamilyDoctorClaim): Promise<FamilyDoctorContractDoc> {
  const { contractId, ...term } = claim;
  return insertOnce<FamilyDoctorContractDoc>(models.FamilyDoctorContract, { _id: new Types.ObjectId(contractId), talentId, ...term });
}

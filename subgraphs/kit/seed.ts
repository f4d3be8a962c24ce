// The contract between the demo-data generator (scripts/seed.ts) and each department's
// own `seed.ts`: the generator makes the talents, each department makes its records for them.
import type { Connection } from 'mongoose';
import type { Program } from './programs';
import type { SeededRandom } from './seed-random';

export type Gender = 'MALE' | 'FEMALE';
export type FamilyRelation = 'SPOUSE' | 'CHILD' | 'PARENT' | 'SPOUSE_PARENT';

export interface SeedPerson {
  name: string;
  gender: Gender;
  birthDate: string;
  /** 18-digit resident ID number with a valid GB 11643 check digit. */
  idNumber: string;
}

export interface SeedFamilyMember extends SeedPerson {
  relation: FamilyRelation;
}

export interface SeedTalent extends SeedPerson {
  id: string;
  program: Program;
  district: string;
  phone: string;
  employer: string;
  cardIssuedOn: string;
  cardExpiresOn: string;
  /** The stored status; EXPIRED is derived from cardExpiresOn. */
  cardStatus: 'ACTIVE' | 'CONTACT_LIST' | 'REVOKED';
  family: SeedFamilyMember[];
}

/** Writes one department's demo records for the given talents; returns how many documents. */
export type DepartmentSeeder = (
  connection: Connection,
  talents: readonly SeedTalent[],
  random: SeededRandom,
  today: string,
) => Promise<number>;

/** Writes demo documents a few hundred at a time, in order; returns how many were written. */
/** What a seed needs of a model: any department's model has it. */
export interface BatchInsertable {
  insertMany(documents: object[], options: { ordered: boolean }): Promise<unknown>;
}

export async function insertInBatches(model: BatchInsertable, documents: readonly object[], batchSize = 500): Promise<number> {
  for (let start = 0; start < documents.length; start += batchSize) {
    await model.insertMany(documents.slice(start, start + batchSize), { ordered: true });
  }
  return documents.length;
}

import { createHmac } from 'node:crypto';
import { normaliseIdNumber } from './codes';
import type { Queryable } from './queryable';
import { ident } from './sql-ident';

/**
 * One person across the subgraphs (a community worker, a certificate holder, a volunteer and a gig
 * worker can be the same person) is named by a keyed hash of the ID number: HMAC-SHA256 with the
 * deployment's secret PERSON_KEY, the same in every subgraph of the deployment. The `Person` entity
 * of the graph is keyed by it, so a query walks from one subgraph's record of a person to another's
 * without the ID number ever leaving a subgraph; without the key, nobody can tell the number from
 * the hash by trying every possible number.
 */
export class PersonKey {
  constructor(private readonly secret: string) {
    if (secret.length < 32) throw new Error('PERSON_KEY must be at least 32 characters');
  }

  /** The person id of an ID number (64 hex characters). */
  hash(idNumber: string): string {
    return createHmac('sha256', this.secret).update(normaliseIdNumber(idNumber)).digest('hex');
  }

  /** Tells keys apart without revealing them: stored beside the hashes, so a changed key is noticed. */
  fingerprint(): string {
    return createHmac('sha256', this.secret).update('district person key fingerprint').digest('hex').slice(0, 16);
  }
}

/** A table holding people's ID numbers, and the column of their person ids. */
export interface PersonColumns {
  table: string;
  /** the column with the ID number */
  idNumber: string;
  /** the column with the person id (the keyed hash), indexed */
  personId: string;
}

const CHUNK = 5000;

/**
 * The most days one `personsInPost` lookup of the workforce subgraph answers (one statement, bounded
 * work for an internal call); a subgraph asking more (a figure's monthly series over years) splits
 * its days into lookups of at most this many.
 */
export const PERSONS_IN_POST_MAX_DAYS = 31;

/**
 * Writes the person ids of a table's rows: those whose ID number is among `idNumbers` (the rows an
 * import just wrote), or every row lacking one (`'missing'`), or every row (`'all'`, after the key
 * changed). One statement per 5000 ID numbers; the hashes are computed here, never in SQL, so the key
 * never reaches the database.
 */
export async function writePersonIds(
  db: Queryable,
  key: PersonKey,
  columns: PersonColumns,
  which: readonly string[] | 'missing' | 'all',
): Promise<number> {
  const t = ident(columns.table);
  const n = ident(columns.idNumber);
  const p = ident(columns.personId);
  let numbers: string[];
  if (Array.isArray(which)) numbers = [...new Set(which as string[])];
  else {
    const res = await db.query(`SELECT DISTINCT ${n} AS n FROM ${t} ${which === 'missing' ? `WHERE ${p} IS NULL` : ''}`);
    numbers = res.rows.map((r: { n: string }) => r.n);
  }
  let written = 0;
  for (let i = 0; i < numbers.length; i += CHUNK) {
    const pairs = numbers.slice(i, i + CHUNK).map((number) => ({ n: number, h: key.hash(number) }));
    const res = await db.query(
      `UPDATE ${t} SET ${p} = x.h FROM jsonb_to_recordset($1::jsonb) AS x(n text, h text)
       WHERE ${t}.${n} = x.n AND ${t}.${p} IS DISTINCT FROM x.h`,
      [JSON.stringify(pairs)],
    );
    written += res.rowCount ?? 0;
  }
  return written;
}

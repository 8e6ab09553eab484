import { badInput, checkIdNumber, checkMobile, normaliseIdNumber, normaliseMobile, type RequestContext } from '@district/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { rowById } from '../../list';
import { Person } from './person.entity';

export function personOf(ctx: RequestContext, personId: string): Promise<Person | null> {
  return rowById(ctx, Person, personId);
}

/** A valid ID number in its stored form, or a BAD_USER_INPUT naming the field (never quoting the number). */
export function validIdNumber(raw: string, field: string): string {
  const problem = checkIdNumber(raw);
  if (problem) throw badInput(`身份证号无效：${problem} / invalid ID number`, field);
  return normaliseIdNumber(raw);
}

export function validPhone(raw: string | null | undefined, field: string): string | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const problem = checkMobile(raw);
  if (problem) throw badInput(`手机号无效：${problem} / invalid mobile number`, field);
  return normaliseMobile(raw);
}

/**
 * The person with this ID number, created on first sight. `authoritative` (the workers ledger, a
 * hire) also updates name and phone; a certificate or an exam registration only names a new person.
 */
export async function personFor(
  em: EntityManager,
  idNumber: string,
  name: string,
  phone: string | null,
  authoritative: boolean,
): Promise<Person> {
  const found = await em.findOne(Person, { idNumber });
  if (!found) return em.create(Person, { idNumber, name, phone });
  if (authoritative) {
    found.name = name;
    if (phone) found.phone = phone;
  }
  return found;
}

/** A pg client inside the import transaction (structurally the import runner's Queryable). */
export interface Db {
  query(text: string, params?: unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
}

export interface PersonRow {
  idNumber: string;
  name: string;
  phone?: string | null;
}

/**
 * Persons of one ledger batch in two statements, returning ID number → person id. The last row of
 * a batch wins for a repeated person (ON CONFLICT cannot touch a row twice in one statement).
 */
export async function ensurePersons(db: Db, rows: PersonRow[], authoritative: boolean): Promise<Map<string, string>> {
  const unique = [...new Map(rows.map((r) => [r.idNumber, r])).values()];
  if (unique.length) {
    const params: unknown[] = [];
    const values = unique.map((r) => {
      params.push(r.idNumber, r.name, r.phone ?? null);
      const n = params.length;
      return `($${n - 2}, $${n - 1}, $${n})`;
    });
    const onConflict = authoritative
      ? `DO UPDATE SET name = EXCLUDED.name, phone = COALESCE(EXCLUDED.phone, person.phone)
         WHERE (person.name, person.phone) IS DISTINCT FROM (EXCLUDED.name, COALESCE(EXCLUDED.phone, person.phone))`
      : 'DO NOTHING';
    await db.query(`INSERT INTO person (id_number, name, phone) VALUES ${values.join(', ')} ON CONFLICT (id_number) ${onConflict}`, params);
  }
  const found = await db.query('SELECT id, id_number FROM person WHERE id_number = ANY($1)', [unique.map((r) => r.idNumber)]);
  return new Map(found.rows.map((r: { id: string; id_number: string }) => [r.id_number, String(r.id)]));
}

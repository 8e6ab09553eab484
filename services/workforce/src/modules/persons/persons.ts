import type { EntityManager } from '@mikro-orm/postgresql';
import { storeRows, type ImportContext, type StoreResult } from '@district/ledger';
import { byKey, type RequestContext } from '@district/subgraph-kit';
import { Person } from './person.entity';

export function personOf(ctx: RequestContext, personId: string): Promise<Person | null> {
  return byKey<Person>(ctx, Person, 'id').load(personId);
}

/**
 * The district's person with this ID number, created on first sight. `authoritative` (a hire) also
 * updates name and phone; a certificate or an exam registration only names a new person.
 */
export async function personFor(
  em: EntityManager,
  district: string,
  idNumber: string,
  name: string,
  phone: string | null,
  authoritative: boolean,
): Promise<Person> {
  const found = await em.findOne(Person, { districtCode: district, idNumber });
  if (!found) return em.create(Person, { districtCode: district, idNumber, name, phone });
  if (authoritative) {
    found.name = name;
    if (phone) found.phone = phone;
  }
  return found;
}

export interface PersonRow {
  row: number;
  idNumber: string;
  name: string;
  phone?: string | null;
}

/**
 * The persons of one ledger batch, returning ID number → person id. The workers ledger is
 * authoritative for name and phone (an app change to them is a conflict, as for any ledger column);
 * other ledgers only add persons not yet known.
 */
export async function ensurePersons(
  ctx: ImportContext,
  rows: PersonRow[],
  authoritative: boolean,
): Promise<{ ids: Map<string, string>; result?: StoreResult }> {
  const unique = [...new Map(rows.map((r) => [r.idNumber, r])).values()];
  let result: StoreResult | undefined;
  if (unique.length && authoritative) {
    result = await storeRows(
      ctx,
      // a person belongs to no place: a street's workers ledger names (and may rename) its own workers' persons
      { table: 'person', key: ['district_code', 'id_number'], columns: ['name', 'phone'], personal: ['name', 'phone'], anyRegion: true },
      unique.map((r) => ({
        row: r.row,
        values: { district_code: ctx.district, id_number: r.idNumber, name: r.name, phone: r.phone ?? null },
      })),
      { keyLabel: () => '身份证号（已隐去）/ ID number (withheld)', keyColumn: '身份证号' },
    );
  } else if (unique.length) {
    await ctx.db.query(
      `INSERT INTO person (district_code, id_number, name, phone)
       SELECT $1, x.id_number, x.name, NULL FROM unnest($2::text[], $3::text[]) AS x(id_number, name)
       ON CONFLICT (district_code, id_number) DO NOTHING`,
      [ctx.district, unique.map((r) => r.idNumber), unique.map((r) => r.name)],
    );
  }
  const found = await ctx.db.query('SELECT id, id_number FROM person WHERE district_code = $1 AND id_number = ANY($2)', [
    ctx.district,
    unique.map((r) => r.idNumber),
  ]);
  return { ids: new Map(found.rows.map((r: { id: string; id_number: string }) => [r.id_number, String(r.id)])), result };
}

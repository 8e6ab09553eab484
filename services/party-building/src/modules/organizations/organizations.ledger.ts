import {
  normaliseRegionCode,
  upsertRows,
  type Defect,
  type ImportContext,
  type LedgerImporter,
  type LedgerSpec,
  type Queryable,
  type UpsertCounts,
  type ValidRow,
} from '@district/common';
import type { Category } from './organization.entity';

const FILE = 'party/two_new_orgs.csv';

const CATEGORY: Record<string, Category> = {
  园区: 'PARK',
  非公企业: 'ENTERPRISE',
  社会组织: 'SOCIAL_ORGANIZATION',
  行业协会商会: 'ASSOCIATION',
};
const FORMATION: Record<string, 'SINGLE' | 'JOINT' | null> = { 单独组建: 'SINGLE', 联合组建: 'JOINT', 未组建: null };

type K =
  | 'creditCode'
  | 'name'
  | 'category'
  | 'isKey'
  | 'streetCode'
  | 'formation'
  | 'partyOrgName'
  | 'partyOrgSince'
  | 'partyMembers'
  | 'instructorCode';

export const twoNewOrgSpec: LedgerSpec<K> = {
  file: FILE,
  columns: {
    creditCode: { header: '统一社会信用代码', type: 'creditCode', required: true },
    name: { header: '组织名称', type: 'text', required: true },
    category: { header: '组织类别', type: 'enum', values: Object.keys(CATEGORY), required: true },
    isKey: { header: '是否重点', type: 'bool' },
    streetCode: { header: '所属街道代码', type: 'code', pattern: /^\d{6}(\d{6})?$/, required: true },
    formation: { header: '党组织组建方式', type: 'enum', values: Object.keys(FORMATION), required: true },
    partyOrgName: { header: '党组织名称', type: 'text' },
    partyOrgSince: { header: '党组织成立日期', type: 'date' },
    partyMembers: { header: '党员人数', type: 'int', min: 0, required: true },
    instructorCode: { header: '党建工作指导员编号', type: 'code' },
  },
  key: ['creditCode'],
  check: (v) => {
    const problems: { column: K; kind: 'required' | 'format'; reason: string }[] = [];
    if (v.category === '非公企业' && v.isKey === null) {
      problems.push({ column: 'isKey', kind: 'required', reason: '非公企业须填写是否重点 / a non-public enterprise needs 是否重点' });
    }
    if (v.formation === '未组建') {
      if (v.partyOrgName !== null || v.partyOrgSince !== null) {
        problems.push({
          column: 'partyOrgName',
          kind: 'format',
          reason: '未组建却填写了党组织 / 未组建 with a Party organisation filled in',
        });
      }
    } else {
      if (v.partyOrgName === null)
        problems.push({
          column: 'partyOrgName',
          kind: 'required',
          reason: '已组建须填写党组织名称 / the Party organisation needs its name',
        });
      if (v.partyOrgSince === null)
        problems.push({
          column: 'partyOrgSince',
          kind: 'required',
          reason: '已组建须填写成立日期 / the Party organisation needs its founding date',
        });
    }
    return problems;
  },
};

type Row = ValidRow<K>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Reference checks: streets in the region tree, instructors imported before. */
async function check(batch: Row[], ctx: ImportContext): Promise<Defect[]> {
  const defects: Defect[] = [];
  const defect = (row: number, column: string, reason: string) => defects.push({ file: FILE, row, column, kind: 'reference', reason });
  const regions = await ctx.references.regions([...new Set(batch.map((r) => normaliseRegionCode(String(r.value.streetCode))))]);
  const instructorCodes = [...new Set(batch.map((r) => str(r.value.instructorCode)).filter((c): c is string => !!c))];
  const known = new Set(
    (await ctx.db.query('SELECT code FROM party_instructor WHERE code = ANY($1)', [instructorCodes])).rows.map((r) => r.code),
  );
  for (const { row, value: v } of batch) {
    if (!regions.has(normaliseRegionCode(String(v.streetCode))))
      defect(row, '所属街道代码', '区划树中没有该街道 / no such street in the region tree');
    if (v.instructorCode && !known.has(v.instructorCode))
      defect(row, '党建工作指导员编号', `指导员台账中没有 ${v.instructorCode} / no such instructor`);
  }
  return defects;
}

/** A unit's state as a comparable string: what the ledger row says about it, in the database. */
async function snapshot(db: Queryable, codes: string[]): Promise<Map<string, string>> {
  const { rows } = await db.query(
    `SELECT o.credit_code, concat_ws('|', o.name, o.category, o.is_key, o.region_code, o.party_members,
       (SELECT p.name || '@' || p.formation || '@' || u.joined_on FROM party_org_unit u JOIN party_organization p ON p.id = u.party_organization_id
         WHERE u.credit_code = o.credit_code AND u.left_on IS NULL LIMIT 1),
       (SELECT a.instructor_code || '@' || a.assigned_on FROM instructor_assignment a
         WHERE a.credit_code = o.credit_code AND a.withdrawn_on IS NULL LIMIT 1)) AS state
     FROM two_new_org o WHERE o.credit_code = ANY($1)`,
    [codes],
  );
  return new Map(rows.map((r) => [r.credit_code as string, r.state as string]));
}

/**
 * Ends the current stint of each unit in another Party organisation (or with another instructor):
 * the ledger's row is the unit's state now. A unit whose row names none is closed as of the import day.
 */
async function closeOtherStints(
  ctx: ImportContext,
  table: 'party_org_unit' | 'instructor_assignment',
  next: { code: string; other: string | number | null; day: string }[],
) {
  const [otherColumn, from, to] =
    table === 'party_org_unit' ? ['party_organization_id', 'joined_on', 'left_on'] : ['instructor_code', 'assigned_on', 'withdrawn_on'];
  await ctx.db.query(
    `UPDATE ${table} s SET ${to} = GREATEST(s.${from}, v.day::date)
     FROM unnest($1::text[], $2::text[], $3::text[]) AS v(code, other, day)
     WHERE s.credit_code = v.code AND s.${to} IS NULL AND (v.other IS NULL OR s.${otherColumn}::text <> v.other)`,
    [next.map((n) => n.code), next.map((n) => (n.other === null ? null : String(n.other))), next.map((n) => n.day)],
  );
}

async function write(batch: Row[], ctx: ImportContext): Promise<UpsertCounts> {
  const codes = batch.map((r) => String(r.value.creditCode));
  const before = await snapshot(ctx.db, codes);
  await upsertRows(
    ctx.db,
    'two_new_org',
    ['credit_code'],
    batch.map(({ value: v }) => ({
      credit_code: v.creditCode,
      name: v.name,
      category: CATEGORY[String(v.category)],
      is_key: v.isKey === true,
      region_code: normaliseRegionCode(String(v.streetCode)),
      party_members: v.partyMembers,
    })),
  );

  // Party organisations by their natural key; the founding day and region are settled from their units below
  const organised = batch.filter((r) => r.value.partyOrgName !== null);
  const keyOf = (v: Row['value']) => (v.formation === '联合组建' ? `JOINT:${v.partyOrgName}` : `SINGLE:${v.creditCode}:${v.partyOrgSince}`);
  const orgs = new Map<string, { name: string; formation: string; day: string; region: string }>();
  for (const { value: v } of organised) {
    const o = orgs.get(keyOf(v));
    if (!o || String(v.partyOrgSince) < o.day) {
      orgs.set(keyOf(v), {
        name: String(v.partyOrgName),
        formation: FORMATION[String(v.formation)]!,
        day: String(v.partyOrgSince),
        region: normaliseRegionCode(String(v.streetCode)),
      });
    }
  }
  const list = [...orgs.entries()];
  await ctx.db.query(
    `INSERT INTO party_organization (natural_key, name, formation, founded_on, region_code)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[])
     ON CONFLICT (natural_key) DO UPDATE SET name = EXCLUDED.name WHERE party_organization.name <> EXCLUDED.name`,
    [
      list.map(([k]) => k),
      list.map(([, o]) => o.name),
      list.map(([, o]) => o.formation),
      list.map(([, o]) => o.day),
      list.map(([, o]) => o.region),
    ],
  );
  const ids = new Map(
    (await ctx.db.query('SELECT id, natural_key FROM party_organization WHERE natural_key = ANY($1)', [[...orgs.keys()]])).rows.map((r) => [
      r.natural_key as string,
      r.id as number,
    ]),
  );
  const orgOf = (v: Row['value']) => (v.partyOrgName === null ? null : ids.get(keyOf(v))!);

  await closeOtherStints(
    ctx,
    'party_org_unit',
    batch.map(({ value: v }) => ({ code: String(v.creditCode), other: orgOf(v), day: str(v.partyOrgSince) ?? ctx.today })),
  );
  await upsertRows(
    ctx.db,
    'party_org_unit',
    ['credit_code', 'party_organization_id'],
    organised.map(({ value: v }) => ({
      credit_code: v.creditCode,
      party_organization_id: orgOf(v),
      joined_on: v.partyOrgSince,
      left_on: null,
    })),
  );
  await settlePartyOrganizations(ctx.db, [...ids.values()]);

  // an instructor named in the ledger is assigned from the day the instructor was dispatched
  const dispatched = new Map(
    (
      await ctx.db.query('SELECT code, dispatched_on::text AS day FROM party_instructor WHERE code = ANY($1)', [
        [...new Set(batch.map((r) => str(r.value.instructorCode)).filter(Boolean))],
      ])
    ).rows.map((r) => [r.code as string, r.day as string]),
  );
  await closeOtherStints(
    ctx,
    'instructor_assignment',
    batch.map(({ value: v }) => ({
      code: String(v.creditCode),
      other: str(v.instructorCode),
      day: v.instructorCode ? dispatched.get(String(v.instructorCode))! : ctx.today,
    })),
  );
  await upsertRows(
    ctx.db,
    'instructor_assignment',
    ['credit_code', 'instructor_code'],
    batch
      .filter((r) => r.value.instructorCode)
      .map(({ value: v }) => ({
        credit_code: v.creditCode,
        instructor_code: v.instructorCode,
        assigned_on: dispatched.get(String(v.instructorCode)),
        withdrawn_on: null,
      })),
  );

  const after = await snapshot(ctx.db, codes);
  const inserted = codes.filter((c) => !before.has(c)).length;
  const updated = codes.filter((c) => before.has(c) && before.get(c) !== after.get(c)).length;
  return { inserted, updated, unchanged: codes.length - inserted - updated };
}

/** A Party organisation was founded when it first covered a unit; it sits in its units' street, or the district. */
async function settlePartyOrganizations(db: Queryable, ids: number[]) {
  await db.query(
    `UPDATE party_organization p SET founded_on = s.first, region_code = coalesce(s.region, p.region_code)
     FROM (SELECT u.party_organization_id AS id, min(u.joined_on) AS first,
             CASE WHEN count(DISTINCT o.region_code) FILTER (WHERE u.left_on IS NULL) = 1 THEN min(o.region_code) FILTER (WHERE u.left_on IS NULL)
                  WHEN count(DISTINCT left(o.region_code, 9)) FILTER (WHERE u.left_on IS NULL) = 1
                    THEN left(min(o.region_code) FILTER (WHERE u.left_on IS NULL), 9) || '000'
                  WHEN count(*) FILTER (WHERE u.left_on IS NULL) > 0 THEN left(min(o.region_code), 6) || '000000' END AS region
           FROM party_org_unit u JOIN two_new_org o ON o.credit_code = u.credit_code
           WHERE u.party_organization_id = ANY($1) GROUP BY u.party_organization_id) s
     WHERE p.id = s.id AND (p.founded_on, p.region_code) IS DISTINCT FROM (s.first, coalesce(s.region, p.region_code))`,
    [ids],
  );
}

export const twoNewOrgLedger: LedgerImporter<K> = { spec: twoNewOrgSpec, check, write };

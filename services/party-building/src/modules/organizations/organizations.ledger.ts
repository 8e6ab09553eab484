import { globalId, normaliseRegionCode, type Queryable } from '@district/common';
import {
  existingIn,
  outsideDistrict,
  referenceDefect,
  storeRows,
  str,
  strOrNull,
  unknownReferences,
  vocabulary,
  type ColumnSpec,
  type ImportContext,
  type LedgerImporter,
  type LedgerSpec,
  type LedgerValue,
  type RowProblem,
  type RowWrite,
} from '@district/ledger';

const CATEGORIES = vocabulary({
  园区: 'PARK',
  非公企业: 'ENTERPRISE',
  社会组织: 'SOCIAL_ORGANIZATION',
  行业协会商会: 'ASSOCIATION',
} as const);
const FORMATIONS = vocabulary({ 单独组建: 'SINGLE', 联合组建: 'JOINT', 未组建: 'NONE' } as const);

const columns = {
  creditCode: { header: '统一社会信用代码', type: 'creditCode', required: true },
  name: { header: '组织名称', type: 'text', required: true },
  category: { header: '组织类别', type: 'enum', required: true, values: CATEGORIES.labels },
  isKey: { header: '是否重点', type: 'bool' },
  street: { header: '所属街道代码', type: 'code', required: true, pattern: /^\d{6}(\d{6})?$/ },
  formation: { header: '党组织组建方式', type: 'enum', required: true, values: FORMATIONS.labels },
  partyOrgName: { header: '党组织名称', type: 'text' },
  partyOrgSince: { header: '党组织成立日期', type: 'date' },
  partyMembers: { header: '党员人数', type: 'int', required: true, min: 0 },
  instructor: { header: '党建工作指导员编号', type: 'code' },
  // a later column: ledgers written before key areas were kept have none
  keyArea: { header: '所在重点区域编号', type: 'code', optionalHeader: true },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;
type Value = Record<Key, LedgerValue>;

/** An enterprise says whether it is key; a Party organization has its name and founding day, and 未组建 has neither. */
function rowRules(v: Value): RowProblem<Key>[] {
  const problems: RowProblem<Key>[] = [];
  if (CATEGORIES.of(v.category) === 'ENTERPRISE' && v.isKey === null) {
    problems.push({ column: 'isKey', kind: 'required', reason: '非公企业须填写是否重点 / a non-public enterprise needs 是否重点' });
  }
  if (FORMATIONS.of(v.formation) === 'NONE') {
    if (v.partyOrgName !== null || v.partyOrgSince !== null) {
      problems.push({
        column: 'partyOrgName',
        kind: 'format',
        reason: '未组建却填写了党组织 / 未组建 with a Party organization filled in',
      });
    }
    return problems;
  }
  if (v.partyOrgName === null)
    problems.push({ column: 'partyOrgName', kind: 'required', reason: '已组建须填写党组织名称 / the Party organization needs its name' });
  if (v.partyOrgSince === null) {
    problems.push({
      column: 'partyOrgSince',
      kind: 'required',
      reason: '已组建须填写成立日期 / the Party organization needs its founding date',
    });
  }
  return problems;
}

const spec: LedgerSpec<Key> = { file: 'party/two_new_orgs.csv', columns, key: ['creditCode'], check: rowRules };

const regionOf = (v: Value) => normaliseRegionCode(str(v.street));
const organized = (v: Value) => FORMATIONS.of(v.formation) !== 'NONE';
/** How the ledger names a Party organization within its district: a joint one by its name, a standalone one by its unit and day. */
const partyKeyOf = (v: Value) =>
  FORMATIONS.of(v.formation) === 'JOINT' ? `JOINT:${str(v.partyOrgName)}` : `SINGLE:${str(v.creditCode)}:${str(v.partyOrgSince)}`;

/**
 * The Party organizations a batch names, each once: its earliest founding day and the first row
 * naming it. A renamed standalone organization (same unit and day) takes the ledger's name unless the
 * app renamed it since; a new one is settled from its units below.
 */
async function storePartyOrganizations(ctx: ImportContext, batch: { row: number; value: Value }[]) {
  const named = new Map<string, RowWrite>();
  for (const { row, value } of batch.filter((r) => organized(r.value))) {
    const key = partyKeyOf(value);
    const seen = named.get(key);
    if (seen) {
      if (str(value.partyOrgSince) < String(seen.values.founded_on)) seen.values.founded_on = str(value.partyOrgSince);
      continue;
    }
    named.set(key, {
      row,
      values: {
        district_code: ctx.district,
        natural_key: key,
        name: str(value.partyOrgName),
        formation: FORMATIONS.of(value.formation),
        founded_on: str(value.partyOrgSince),
        region_code: regionOf(value),
      },
    });
  }
  const stored = await storeRows(
    ctx,
    { table: 'party_organization', key: ['district_code', 'natural_key'], columns: ['name', 'formation'] },
    [...named.values()],
    { keyLabel: (v) => `党组织 ${v.name}`, keyColumn: columns.partyOrgName.header },
  );
  const { rows } = await ctx.db.query('SELECT id, natural_key FROM party_organization WHERE district_code = $1 AND natural_key = ANY($2)', [
    ctx.district,
    [...named.keys()],
  ]);
  return { stored, ids: new Map(rows.map((r: { id: number; natural_key: string }) => [r.natural_key, r.id])) };
}

/**
 * The stints coverage on a past day is counted from follow each unit's row: a stint in another Party
 * organization (or with another instructor) than the row names ends, on the day the next one begins
 * (or the import's day when none does), and the one it names is open. A unit the app changed keeps
 * its row (a conflict), so its stints stay as the app left them. An instructor named by the ledger
 * is assigned from the day the instructor was dispatched. Returns the Party organizations units left.
 */
async function followRows(db: Queryable, codes: string[], today: string): Promise<number[]> {
  const closed = await db.query(
    `UPDATE party_org_unit s SET left_on = GREATEST(s.joined_on, coalesce(o.party_joined_on, $2::date))
     FROM two_new_org o WHERE o.credit_code = s.credit_code AND o.credit_code = ANY($1) AND s.left_on IS NULL
       AND s.party_organization_id IS DISTINCT FROM o.party_organization_id
     RETURNING s.party_organization_id AS id`,
    [codes, today],
  );
  await db.query(
    `INSERT INTO party_org_unit (credit_code, party_organization_id, joined_on)
     SELECT o.credit_code, o.party_organization_id, o.party_joined_on FROM two_new_org o
     WHERE o.credit_code = ANY($1) AND o.party_organization_id IS NOT NULL
     ON CONFLICT (credit_code, party_organization_id) DO UPDATE SET joined_on = EXCLUDED.joined_on, left_on = NULL
     WHERE party_org_unit.left_on IS NOT NULL OR party_org_unit.joined_on <> EXCLUDED.joined_on`,
    [codes],
  );
  await db.query(
    `UPDATE instructor_assignment a SET recalled_on = GREATEST(a.assigned_on, coalesce(i.dispatched_on, $2::date))
     FROM two_new_org o LEFT JOIN party_instructor i ON i.id = o.instructor_id
     WHERE a.credit_code = o.credit_code AND o.credit_code = ANY($1) AND a.recalled_on IS NULL
       AND a.instructor_id IS DISTINCT FROM o.instructor_id`,
    [codes, today],
  );
  await db.query(
    `INSERT INTO instructor_assignment (credit_code, instructor_id, assigned_on)
     SELECT o.credit_code, o.instructor_id, i.dispatched_on FROM two_new_org o JOIN party_instructor i ON i.id = o.instructor_id
     WHERE o.credit_code = ANY($1) AND NOT EXISTS (SELECT 1 FROM instructor_assignment a
       WHERE a.credit_code = o.credit_code AND a.instructor_id = o.instructor_id AND a.recalled_on IS NULL)
     ON CONFLICT (credit_code, instructor_id) DO UPDATE SET assigned_on = EXCLUDED.assigned_on, recalled_on = NULL`,
    [codes],
  );
  return closed.rows.map((r: { id: number }) => r.id);
}

/** A Party organization was founded when it first covered a unit; it sits at its units' node, their street, or their district's node. */
async function settlePartyOrganizations(db: Queryable, ids: number[]): Promise<void> {
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

/**
 * party/two_new_orgs.csv: the organizations in scope of "两个覆盖", keyed by credit code, each in a
 * street of the import's district, with the Party organization covering it and the instructor
 * assigned to it (a number of the district's instructor ledger).
 */
export const twoNewOrgsLedger: LedgerImporter<Key> = {
  spec,
  async check(batch, ctx) {
    const outside = outsideDistrict(batch, ctx, (r) => regionOf(r.value), columns.street.header);
    const away = new Set(outside.map((d) => d.row));
    const regions = await ctx.regionTree.regions([...new Set(batch.map((r) => regionOf(r.value)))]);
    const unknownRegions = batch
      .filter((r) => !away.has(r.row) && !regions.has(regionOf(r.value)))
      .map((r) =>
        referenceDefect(
          ctx.file,
          r.row,
          columns.street.header,
          `区划树中没有该街道：${str(r.value.street)} / no such street in the region tree`,
        ),
      );
    const instructorId = (n: string) => globalId(ctx.district, n);
    const instructors = await existingIn(
      ctx.db,
      'party_instructor',
      'id',
      batch
        .map((r) => strOrNull(r.value.instructor))
        .filter((n): n is string => !!n)
        .map(instructorId),
    );
    const areaId = (n: string) => globalId(ctx.district, n);
    const areas = await existingIn(
      ctx.db,
      'party_key_area',
      'id',
      batch
        .map((r) => strOrNull(r.value.keyArea))
        .filter((n): n is string => !!n)
        .map(areaId),
    );
    return [
      ...outside,
      ...unknownRegions,
      ...unknownReferences(spec, batch, 'instructor', instructors, ['指导员', 'instructor'], instructorId),
      ...unknownReferences(spec, batch, 'keyArea', areas, ['重点区域', 'key area'], areaId),
    ];
  },
  async write(batch, ctx) {
    const parties = await storePartyOrganizations(ctx, batch);
    const stored = await storeRows(
      ctx,
      {
        table: 'two_new_org',
        key: ['credit_code'],
        district: 'district_code',
        columns: [
          'name',
          'category',
          'is_key',
          'region_code',
          'party_members',
          'party_organization_id',
          'party_joined_on',
          'instructor_id',
          'key_area_id',
        ],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          credit_code: str(value.creditCode),
          district_code: ctx.district,
          name: str(value.name),
          category: CATEGORIES.of(value.category),
          is_key: value.isKey === true,
          region_code: regionOf(value),
          party_members: value.partyMembers,
          party_organization_id: organized(value) ? parties.ids.get(partyKeyOf(value)) : null,
          party_joined_on: organized(value) ? str(value.partyOrgSince) : null,
          instructor_id: value.instructor ? globalId(ctx.district, str(value.instructor)) : null,
          key_area_id: value.keyArea ? globalId(ctx.district, str(value.keyArea)) : null,
        },
      })),
      // a credit code is not quoted (see mayQuote): the row and the name say which organization it is
      { keyLabel: (v) => `组织名称 ${v.name}`, keyColumn: columns.creditCode.header },
    );
    const written = batch.filter((r) => stored.outcome.get(r.row) !== 'refused').map((r) => str(r.value.creditCode));
    if (written.length) {
      const left = await followRows(ctx.db, written, ctx.today);
      await settlePartyOrganizations(ctx.db, [...new Set([...parties.ids.values(), ...left])]);
    }
    return {
      ...stored,
      conflicts: [...parties.stored.conflicts, ...stored.conflicts],
      defects: [...parties.stored.defects, ...stored.defects],
    };
  },
};

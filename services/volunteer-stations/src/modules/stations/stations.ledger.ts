import { globalId, type Queryable } from '@district/common';
import { placeDefects, storeRows, str, strOrNull, type ColumnSpec, type LedgerImporter } from '@district/ledger';
import { allSixSql, ITEM_LABEL } from './station.entity';

/** A ledger number (站点编号, 志愿者编号 …): the district's own, letters, digits, - and _. */
export const LEDGER_NUMBER = /^[A-Za-z0-9_-]{1,30}$/;

const columns = {
  number: { header: '站点编号', type: 'code', required: true, pattern: LEDGER_NUMBER },
  name: { header: '站点名称', type: 'text', required: true },
  community: { header: '所属社区代码', type: 'code', required: true, pattern: /^\d{12}$/ },
  site: { header: ITEM_LABEL.SITE, type: 'bool', required: true },
  sign: { header: ITEM_LABEL.SIGN, type: 'bool', required: true },
  team: { header: ITEM_LABEL.TEAM, type: 'bool', required: true },
  rules: { header: ITEM_LABEL.RULES, type: 'bool', required: true },
  projects: { header: ITEM_LABEL.PROJECTS, type: 'bool', required: true },
  ledger: { header: ITEM_LABEL.LEDGER, type: 'bool', required: true },
  builtOn: { header: '建成日期', type: 'date' },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

/** The community of each of the district's stations named (global ids), for the volunteers and activities that name them. */
export async function stationCommunities(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  const res = await db.query('SELECT id, community_code FROM station WHERE id = ANY($1)', [[...new Set(ids)]]);
  return new Map(res.rows.map((r: { id: string; community_code: string }) => [r.id, r.community_code]));
}

/** volunteer/stations.csv: the district's stations and their six 六有 flags; each sits in a community of the district. */
export const stationsLedger: LedgerImporter<Key> = {
  spec: { file: 'volunteer/stations.csv', columns, key: ['number'] },
  place: { column: 'community' },
  check: (batch, ctx) => placeDefects(stationsLedger.spec, batch, ctx, 'community', 'community'),
  async write(batch, ctx) {
    const rows = batch.map(({ row, value }) => ({
      row,
      values: {
        id: globalId(ctx.district, str(value.number)),
        district_code: ctx.district,
        number: str(value.number),
        name: str(value.name),
        community_code: str(value.community),
        has_site: value.site,
        has_sign: value.sign,
        has_team: value.team,
        has_rules: value.rules,
        has_projects: value.projects,
        has_ledger: value.ledger,
        built_on: strOrNull(value.builtOn),
      },
    }));
    const stored = await storeRows(
      ctx,
      {
        table: 'station',
        key: ['id'],
        region: 'community_code',
        columns: ['name', 'community_code', 'has_site', 'has_sign', 'has_team', 'has_rules', 'has_projects', 'has_ledger', 'built_on'],
      },
      rows,
      { keyLabel: (v) => `站点编号 ${v.number}`, keyColumn: columns.number.header },
    );
    const ids = rows.map((r) => r.values.id);
    // a station the ledger now lists short of an item is no longer standardised since the day the app recorded
    await ctx.db.query(
      `UPDATE station SET standardized_on = NULL WHERE id = ANY($1) AND standardized_on IS NOT NULL AND NOT (${allSixSql('station')})`,
      [ids],
    );
    // volunteers and activities sit where their station does (a ledger correcting a station's community moves them too)
    for (const table of ['volunteer', 'activity']) {
      await ctx.db.query(
        `UPDATE ${table} x SET community_code = s.community_code FROM station s
         WHERE x.station_id = s.id AND s.id = ANY($1) AND x.community_code <> s.community_code`,
        [ids],
      );
    }
    return stored;
  },
};

import { placeDefects, storeRows, str, strOrNull, vocabulary, type ColumnSpec, type LedgerImporter } from '@district/ledger';

export const LEVELS = vocabulary({ 市级: 'CITY', 区级: 'DISTRICT' } as const);

const columns = {
  community: { header: '社区代码', type: 'code', required: true, pattern: /^\d{12}$/ },
  name: { header: '社区名称', type: 'text', required: true },
  level: { header: '试点级别', type: 'enum', required: true, values: LEVELS.labels },
  type: { header: '试点类型', type: 'text' },
  designatedOn: { header: '确定日期', type: 'date', required: true },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

/** volunteer/pilots.csv: pilot communities, keyed by their national community code, each of the import's district. */
export const pilotsLedger: LedgerImporter<Key> = {
  spec: { file: 'volunteer/pilots.csv', columns, key: ['community'] },
  check: (batch, ctx) => placeDefects(pilotsLedger.spec, batch, ctx, 'community', 'community'),
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'pilot',
        key: ['community_code'],
        columns: ['community_name', 'level', 'pilot_type', 'designated_on'],
        district: 'district_code',
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          community_code: str(value.community),
          district_code: ctx.district,
          community_name: str(value.name),
          level: LEVELS.of(value.level),
          pilot_type: strOrNull(value.type),
          designated_on: str(value.designatedOn),
        },
      })),
      { keyLabel: (v) => `社区代码 ${v.community_code}`, keyColumn: columns.community.header },
    ),
};

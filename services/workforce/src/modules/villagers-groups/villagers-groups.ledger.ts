import { storeRows, str, strOrNull, type ColumnSpec, type LedgerImporter, type RowProblem } from '@district/ledger';
import { communityDefects } from '../shared/governance';

const columns = {
  code: { header: '小组编码', type: 'code', required: true, pattern: /^\d{15}$/ },
  name: { header: '小组名称', type: 'text', required: true },
  community: { header: '所属社区（村）代码', type: 'code', required: true, pattern: /^\d{12}$/ },
  households: { header: '户数', type: 'int', min: 0, max: 1_000_000 },
  establishedOn: { header: '设立日期', type: 'date' },
  abolishedOn: { header: '撤销日期', type: 'date' },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

function rules(v: Record<Key, unknown>): RowProblem<Key>[] {
  const p: RowProblem<Key>[] = [];
  if (!str(v.code as string).startsWith(str(v.community as string)))
    p.push({ column: 'code', kind: 'format', reason: '小组编码应为所属社区代码加3位数字 / a group code is its community code + 3 digits' });
  if (v.establishedOn && v.abolishedOn && String(v.abolishedOn) <= String(v.establishedOn))
    p.push({ column: 'abolishedOn', kind: 'date', reason: '撤销日期须晚于设立日期 / abolished after it was set up' });
  return p;
}

/** villagers_groups.csv: the villagers' and residents' groups of the tree, with their set-up and abolition days. */
export const villagersGroupsLedger: LedgerImporter<Key> = {
  spec: { file: 'villagers_groups.csv', columns, key: ['code'], check: rules },
  place: { column: 'community' },
  check: (batch, ctx) => communityDefects(batch, ctx, 'community', columns.community.header),
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'villagers_group',
        key: ['code'],
        region: 'community_code',
        columns: ['name', 'community_code', 'households', 'established_on', 'abolished_on'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          code: str(value.code),
          name: str(value.name),
          community_code: str(value.community),
          households: value.households,
          established_on: strOrNull(value.establishedOn),
          abolished_on: strOrNull(value.abolishedOn),
        },
      })),
      { keyLabel: (v) => `小组编码 ${v.code}`, keyColumn: columns.code.header },
    ),
};

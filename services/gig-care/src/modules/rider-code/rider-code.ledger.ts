import { upsertRows, type ColumnSpec, type LedgerImporter, type LedgerSpec } from '@district/common';
import { unknownCodes } from '../../lib/ledger-checks';

const columns = {
  compoundCode: { header: '小区编号', type: 'code', required: true },
  openedOn: { header: '开通日期', type: 'date', required: true },
} satisfies Record<string, ColumnSpec>;
type Column = keyof typeof columns;

const spec: LedgerSpec<Column> = { file: 'gig/rider_code_compounds.csv', columns, key: ['compoundCode'] };

/** gig/rider_code_compounds.csv: compounds of the workforce subgraph's region tree opened to the rider code. */
export const riderCodeLedger: LedgerImporter<Column> = {
  spec,
  check: (batch, ctx) =>
    unknownCodes(
      batch,
      spec.file,
      columns.compoundCode.header,
      (r) => String(r.value.compoundCode),
      (codes) => ctx.references.compounds(codes),
      ['小区', 'compound'],
    ),
  async write(batch, ctx) {
    // the region tree says where each compound is, so coverage reaches streets and communities
    const places = await ctx.references.compoundCommunities(batch.map((r) => String(r.value.compoundCode)));
    return upsertRows(
      ctx.db,
      'gig_rider_code_compound',
      ['compound_code'],
      batch.map(({ value: v }) => ({
        compound_code: v.compoundCode,
        opened_on: v.openedOn,
        community_code: places.get(String(v.compoundCode)) ?? null,
      })),
    );
  },
};

import { districtNode, globalId } from '@district/common';
import { storeRows, str, unknownReferences, valuesOf, type ColumnSpec, type LedgerImporter, type LedgerSpec } from '@district/ledger';

const columns = {
  compound: { header: '小区编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  openedOn: { header: '开通日期', type: 'date', required: true },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

const spec: LedgerSpec<Key> = { file: 'gig/rider_code_compounds.csv', columns, key: ['compound'] };

/**
 * gig/rider_code_compounds.csv: compounds opened to the rider code, named by 小区编号, the district's
 * own number of a compound in the workforce subgraph's region tree (global id "<district>:<number>").
 */
export const riderCodeLedger: LedgerImporter<Key> = {
  spec,
  async check(batch, ctx) {
    const ids = valuesOf(batch, 'compound', (n) => globalId(ctx.district, n));
    return unknownReferences(spec, batch, 'compound', await ctx.regionTree.compounds(ids), ['小区', 'compound'], (n) =>
      globalId(ctx.district, n),
    );
  },
  async write(batch, ctx) {
    // the region tree says where each compound is, so coverage reaches streets and communities
    const places = await ctx.regionTree.compoundCommunities(valuesOf(batch, 'compound', (n) => globalId(ctx.district, n)));
    return storeRows(
      ctx,
      { table: 'gig_rider_code_compound', key: ['id'], columns: ['opened_on', 'community_code'] },
      batch.map(({ row, value }) => {
        const id = globalId(ctx.district, str(value.compound));
        return {
          row,
          values: {
            id,
            district_code: ctx.district,
            number: str(value.compound),
            opened_on: str(value.openedOn),
            community_code: places.get(id) ?? districtNode(ctx.district),
          },
        };
      }),
      { keyLabel: (v) => `小区编号 ${v.number}`, keyColumn: columns.compound.header },
    );
  },
};

import { referenceDefect, storeRows, str, valuesOf, vocabulary, type ColumnSpec, type Defect, type LedgerImporter } from '@district/ledger';
import { isRegisteredType } from '../organizations/codes';
import { organizationsOfDistrict } from '../organizations/organizations.ledger';

export const INSPECTION_RESULTS = vocabulary({
  合格: 'QUALIFIED',
  基本合格: 'BASICALLY_QUALIFIED',
  不合格: 'UNQUALIFIED',
  未参检: 'NOT_INSPECTED',
} as const);

const columns = {
  creditCode: { header: '统一社会信用代码', type: 'creditCode', required: true },
  year: { header: '检查年度', type: 'int', min: 1990, max: 2100, required: true },
  result: { header: '结论', type: 'enum', values: INSPECTION_RESULTS.labels, required: true },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

/**
 * social/annual_inspections.csv: one result per registered organisation and year, keyed by the
 * credit code (national) and the year. The organisation must be one of the district's registered
 * organisations, imported before (social/organizations.csv).
 */
export const inspectionsLedger: LedgerImporter<Key> = {
  spec: { file: 'social/annual_inspections.csv', columns, key: ['creditCode', 'year'] },
  async check(batch, ctx) {
    const orgs = await organizationsOfDistrict(ctx, valuesOf(batch, 'creditCode'));
    const thisYear = Number(ctx.today.slice(0, 4));
    return batch.flatMap(({ row, value }): Defect[] => {
      const type = orgs.get(str(value.creditCode));
      if (!type || !isRegisteredType(type)) {
        return [
          referenceDefect(
            ctx.file,
            row,
            columns.creditCode.header,
            '本区县没有该登记社会组织 / no registered organization of this district has this credit code',
          ),
        ];
      }
      if (Number(value.year) > thisYear)
        return [
          {
            file: ctx.file,
            row,
            column: columns.year.header,
            kind: 'range',
            reason: `检查年度晚于今年 / inspection year after ${thisYear}`,
          },
        ];
      return [];
    });
  },
  write: (batch, ctx) =>
    storeRows(
      ctx,
      { table: 'annual_inspection', key: ['organization_code', 'year'], district: 'district_code', columns: ['result'] },
      batch.map(({ row, value }) => ({
        row,
        values: {
          organization_code: str(value.creditCode),
          year: value.year,
          district_code: ctx.district,
          result: INSPECTION_RESULTS.of(value.result),
        },
      })),
      { keyLabel: (v) => `统一社会信用代码 ${v.organization_code} 检查年度 ${v.year}`, keyColumn: columns.creditCode.header },
    ),
};

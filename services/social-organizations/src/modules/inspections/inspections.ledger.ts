import { upsertRows, type Defect, type LedgerImporter, type LedgerSpec } from '@district/common';
import { codeOf, INSPECTION_RESULTS, labels, REGISTERED_TYPES, type OrgType } from '../../vocabulary';
import { knownOrganizations } from '../../ledger-support';

type Column = 'creditCode' | 'year' | 'result';

const spec: LedgerSpec<Column> = {
  file: 'social/annual_inspections.csv',
  columns: {
    creditCode: { header: '统一社会信用代码', type: 'creditCode', required: true },
    year: { header: '检查年度', type: 'int', min: 1990, max: 2100, required: true },
    result: { header: '结论', type: 'enum', values: labels(INSPECTION_RESULTS), required: true },
  },
  key: ['creditCode', 'year'],
};

/** Inspections name registered organisations imported before them (social/organizations.csv). */
export const inspectionsLedger: LedgerImporter<Column> = {
  spec,
  async check(batch, ctx) {
    const orgs = await knownOrganizations(
      ctx,
      batch.map(({ value }) => String(value.creditCode)),
    );
    const thisYear = Number(ctx.today.slice(0, 4));
    return batch.flatMap(({ row, value }): Defect[] => {
      const org = orgs.get(String(value.creditCode));
      if (!org || !REGISTERED_TYPES.includes(org.org_type as OrgType)) {
        return [
          {
            file: spec.file,
            row,
            column: spec.columns.creditCode.header,
            kind: 'reference',
            reason: `没有该登记社会组织 / no registered organisation ${value.creditCode}`,
          },
        ];
      }
      if (Number(value.year) > thisYear)
        return [
          {
            file: spec.file,
            row,
            column: spec.columns.year.header,
            kind: 'range',
            reason: `检查年度晚于今年 / inspection year after ${thisYear}`,
          },
        ];
      return [];
    });
  },
  write(batch, ctx) {
    return upsertRows(
      ctx.db,
      'annual_inspection',
      ['organization_code', 'year'],
      batch.map(({ value: v }) => ({
        organization_code: v.creditCode,
        year: v.year,
        result: codeOf(INSPECTION_RESULTS, String(v.result)),
      })),
    );
  },
};

import { districtNode } from '@district/common';
import {
  storeRows,
  str,
  strOrNull,
  vocabulary,
  type ColumnSpec,
  type Defect,
  type ImportContext,
  type LedgerImporter,
} from '@district/ledger';
import { ensurePersons } from '../persons/persons';
import { regionOfUnit, type NamedRegion } from './work-unit';

export const LEVELS = vocabulary({ 助理社会工作师: 'ASSISTANT', 社会工作师: 'INTERMEDIATE', 高级社会工作师: 'SENIOR' } as const);
export const RESULTS = vocabulary({ 通过: 'PASSED', 未通过: 'FAILED', 缺考: 'ABSENT' } as const);

/** The district's own nodes, to place work units by name: names repeat across districts, so only this district's count. */
export async function districtRegions(ctx: ImportContext): Promise<NamedRegion[] | null> {
  const res = await ctx.db.query(`SELECT code, name FROM region WHERE code LIKE $1`, [`${ctx.district}%`]);
  return res.rows.length ? res.rows : null;
}

/** Work units need the district's region tree: without it every row is a reference defect. */
async function treeLoaded(ctx: ImportContext, column: string, batch: { row: number }[]): Promise<Defect[]> {
  if (await districtRegions(ctx)) return [];
  return batch.map(({ row }) => ({
    file: ctx.file,
    row,
    column,
    kind: 'reference' as const,
    reason: `区县 ${ctx.district} 的区划尚未导入 / import regions.csv of district ${ctx.district} first`,
  }));
}

const certificateColumns = {
  id: { header: '证书编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  name: { header: '姓名', type: 'text', required: true, personal: true },
  idNumber: { header: '身份证号', type: 'idNumber', required: true },
  workUnit: { header: '工作单位', type: 'text' },
  level: { header: '证书等级', type: 'enum', required: true, values: LEVELS.labels },
  obtainedOn: { header: '取得日期', type: 'date', required: true },
} satisfies Record<string, ColumnSpec>;
type CertificateKey = keyof typeof certificateColumns;

/**
 * workforce/certificates.csv: a certificate (national number) links to the district's person by ID
 * number and to the node of the work unit, looked up by name among the district's own nodes.
 */
export const certificatesLedger: LedgerImporter<CertificateKey> = {
  spec: { file: 'workforce/certificates.csv', columns: certificateColumns, key: ['id'] },
  check: (batch, ctx) => treeLoaded(ctx, certificateColumns.workUnit.header, batch),
  async write(batch, ctx) {
    const regions = (await districtRegions(ctx))!;
    const persons = await ensurePersons(
      ctx,
      batch.map(({ row, value }) => ({ row, idNumber: str(value.idNumber), name: str(value.name) })),
      false,
    );
    return storeRows(
      ctx,
      {
        table: 'certificate',
        key: ['id'],
        columns: ['person_id', 'work_unit', 'region_code', 'level', 'obtained_on'],
        district: 'district_code',
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: str(value.id),
          district_code: ctx.district,
          person_id: persons.ids.get(str(value.idNumber)),
          work_unit: strOrNull(value.workUnit),
          region_code: regionOfUnit(regions, strOrNull(value.workUnit), districtNode(ctx.district)),
          level: LEVELS.of(value.level),
          obtained_on: str(value.obtainedOn),
        },
      })),
      { keyLabel: (v) => `证书编号 ${v.id}`, keyColumn: certificateColumns.id.header },
    );
  },
};

const examColumns = {
  year: { header: '考试年度', type: 'int', required: true, min: 2008, max: 2100 },
  name: { header: '姓名', type: 'text', required: true, personal: true },
  idNumber: { header: '身份证号', type: 'idNumber', required: true },
  workUnit: { header: '工作单位', type: 'text' },
  level: { header: '报考级别', type: 'enum', required: true, values: LEVELS.labels },
  result: { header: '考试结果', type: 'enum', required: true, values: RESULTS.labels },
} satisfies Record<string, ColumnSpec>;
type ExamKey = keyof typeof examColumns;

/** workforce/exam_registrations.csv: one registration per person and exam year. */
export const examRegistrationsLedger: LedgerImporter<ExamKey> = {
  spec: { file: 'workforce/exam_registrations.csv', columns: examColumns, key: ['year', 'idNumber'] },
  check: (batch, ctx) => treeLoaded(ctx, examColumns.workUnit.header, batch),
  async write(batch, ctx) {
    const regions = (await districtRegions(ctx))!;
    const persons = await ensurePersons(
      ctx,
      batch.map(({ row, value }) => ({ row, idNumber: str(value.idNumber), name: str(value.name) })),
      false,
    );
    return storeRows(
      ctx,
      { table: 'exam_registration', key: ['exam_year', 'person_id'], columns: ['work_unit', 'region_code', 'level', 'result'] },
      batch.map(({ row, value }) => ({
        row,
        values: {
          district_code: ctx.district,
          exam_year: value.year as number,
          person_id: persons.ids.get(str(value.idNumber)),
          work_unit: strOrNull(value.workUnit),
          region_code: regionOfUnit(regions, strOrNull(value.workUnit), districtNode(ctx.district)),
          level: LEVELS.of(value.level),
          result: RESULTS.of(value.result),
        },
      })),
      { keyLabel: (v) => `考试年度 ${v.exam_year}`, keyColumn: examColumns.year.header },
    );
  },
};

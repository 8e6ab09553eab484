import { upsertRows, type ColumnSpec, type Defect, type LedgerImporter, type Queryable } from '@district/common';
import { mapping, maybe, text } from '../../ledger-kit';
import { ensurePersons } from '../persons/persons';
import { regionOfUnit, type NamedRegion } from './work-unit';

export const LEVELS = mapping({ 助理社会工作师: 'ASSISTANT', 社会工作师: 'INTERMEDIATE', 高级社会工作师: 'SENIOR' } as const);
const RESULTS = mapping({ 通过: 'PASSED', 未通过: 'FAILED', 缺考: 'ABSENT' } as const);

/** The region tree's names and its district, to place work units; null before regions.csv is imported. */
async function regionNames(db: Queryable): Promise<{ regions: NamedRegion[]; district: string } | null> {
  const res = await db.query(`SELECT code, name, level FROM region`);
  const district = res.rows.find((r: { level: string }) => r.level === 'DISTRICT');
  return district ? { regions: res.rows, district: district.code } : null;
}

/** Work units need the region tree: without it every row is a reference defect. */
async function treeLoaded(file: string, column: string, batch: { row: number }[], db: Queryable): Promise<Defect[]> {
  if (await regionNames(db)) return [];
  return batch.map(({ row }) => ({ file, row, column, kind: 'reference' as const, reason: '区划树尚未导入 / import regions.csv first' }));
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

/** workforce/certificates.csv: certificates link to the person by ID number and to the node of the work unit. */
export const certificatesLedger: LedgerImporter<CertificateKey> = {
  spec: { file: 'workforce/certificates.csv', columns: certificateColumns, key: ['id'] },
  check: (batch, ctx) => treeLoaded('workforce/certificates.csv', certificateColumns.workUnit.header, batch, ctx.db),
  async write(batch, ctx) {
    const tree = (await regionNames(ctx.db))!;
    const persons = await ensurePersons(
      ctx.db,
      batch.map(({ value }) => ({ idNumber: text(value.idNumber), name: text(value.name) })),
      false,
    );
    return upsertRows(
      ctx.db,
      'certificate',
      ['id'],
      batch.map(({ value }) => ({
        id: text(value.id),
        person_id: persons.get(text(value.idNumber)),
        work_unit: maybe(value.workUnit),
        region_code: regionOfUnit(tree.regions, maybe(value.workUnit), tree.district),
        level: LEVELS.of(value.level),
        obtained_on: text(value.obtainedOn),
      })),
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
  check: (batch, ctx) => treeLoaded('workforce/exam_registrations.csv', examColumns.workUnit.header, batch, ctx.db),
  async write(batch, ctx) {
    const tree = (await regionNames(ctx.db))!;
    const persons = await ensurePersons(
      ctx.db,
      batch.map(({ value }) => ({ idNumber: text(value.idNumber), name: text(value.name) })),
      false,
    );
    return upsertRows(
      ctx.db,
      'exam_registration',
      ['exam_year', 'person_id'],
      batch.map(({ value }) => ({
        exam_year: value.year as number,
        person_id: persons.get(text(value.idNumber)),
        work_unit: maybe(value.workUnit),
        region_code: regionOfUnit(tree.regions, maybe(value.workUnit), tree.district),
        level: LEVELS.of(value.level),
        result: RESULTS.of(value.result),
      })),
    );
  },
};

import {
  normaliseRegionCode,
  regionLevel,
  upsertRows,
  type ColumnSpec,
  type Defect,
  type LedgerImporter,
  type LedgerSpec,
} from '@district/common';
import { unknownCodes } from '../../lib/ledger-checks';
import { JOB_TYPES, type JobType } from './gig-worker.entity';

const columns = {
  code: { header: '编号', type: 'code', required: true, pattern: /^[A-Z]{2,4}\d{3,8}$/ },
  name: { header: '姓名', type: 'text', required: true, personal: true },
  idNumber: { header: '身份证号', type: 'idNumber', required: true },
  phone: { header: '手机号码', type: 'phone' },
  jobType: { header: '从业类型', type: 'enum', required: true, values: Object.values(JOB_TYPES) },
  platform: { header: '所属平台企业', type: 'text', required: true },
  partyMember: { header: '是否党员', type: 'bool', required: true },
  mobileGridMember: { header: '是否流动网格员', type: 'bool', required: true },
  registeredOn: { header: '登记日期', type: 'date', required: true },
  communityCode: { header: '常驻社区代码', type: 'code', required: true, pattern: /^\d{12}$/ },
} satisfies Record<string, ColumnSpec>;
type Column = keyof typeof columns;

const spec: LedgerSpec<Column> = {
  file: 'gig/workers.csv',
  columns,
  key: ['code'],
  check: (v) =>
    regionLevel(normaliseRegionCode(String(v.communityCode))) === 'COMMUNITY'
      ? []
      : [{ column: 'communityCode', kind: 'format', reason: '应为社区级区划代码 / must be a community code' }],
};

const JOB_BY_LABEL = Object.fromEntries(Object.entries(JOB_TYPES).map(([k, v]) => [v, k])) as Record<string, JobType>;

/** gig/workers.csv: one row per gig worker, keyed by worker number; the ID number is unique but never a key. */
export const workersLedger: LedgerImporter<Column> = {
  spec,
  async check(batch, ctx) {
    const communities = await unknownCodes(
      batch,
      spec.file,
      columns.communityCode.header,
      (r) => String(r.value.communityCode),
      (codes) => ctx.references.regions(codes),
      ['社区', 'community'],
    );
    // one person registered under two numbers: in this batch, or against rows already in the database
    const ids = batch.map((r) => String(r.value.idNumber));
    const taken = await ctx.db.query('SELECT id_number, code FROM gig_worker WHERE id_number = ANY($1)', [ids]);
    const owner = new Map<string, string>(taken.rows.map((t) => [t.id_number, t.code]));
    const duplicates: Defect[] = [];
    for (const r of batch) {
      const id = String(r.value.idNumber);
      const other = owner.get(id);
      if (other && other !== r.value.code) {
        duplicates.push({
          file: spec.file,
          row: r.row,
          column: columns.idNumber.header,
          kind: 'duplicate',
          reason: `身份证号已登记在${other}名下 / ID number already registered as ${other}`,
        });
      } else {
        owner.set(id, String(r.value.code));
      }
    }
    return [...communities, ...duplicates];
  },
  write: (batch, ctx) =>
    upsertRows(
      ctx.db,
      'gig_worker',
      ['code'],
      batch.map(({ value: v }) => ({
        code: v.code,
        name: v.name,
        id_number: v.idNumber,
        phone: v.phone,
        job_type: JOB_BY_LABEL[String(v.jobType)],
        platform: v.platform,
        party_member: v.partyMember,
        mobile_grid_member: v.mobileGridMember,
        registered_on: v.registeredOn,
        community_code: v.communityCode,
      })),
    ),
};

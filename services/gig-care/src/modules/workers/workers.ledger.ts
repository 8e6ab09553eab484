import { globalId, normaliseRegionCode, regionLevel } from '@district/common';
import {
  mayName,
  outsideDistrict,
  personIdsOf,
  storeRows,
  str,
  strOrNull,
  unknownReferences,
  valuesOf,
  vocabulary,
  type ColumnSpec,
  type Defect,
  type LedgerImporter,
  type LedgerSpec,
} from '@district/ledger';
import type { JobType } from './worker.entity';
import { GIG_WORKER_PERSON_IDS } from './worker.entity';
import { followMemberships } from './memberships';

export const JOB_TYPES = vocabulary<JobType>({
  快递员: 'COURIER',
  外卖骑手: 'DELIVERY_RIDER',
  网约车司机: 'RIDE_HAILING_DRIVER',
  货车司机: 'TRUCK_DRIVER',
  网络主播: 'STREAMER',
});

const columns = {
  number: { header: '编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  name: { header: '姓名', type: 'text', required: true, personal: true },
  idNumber: { header: '身份证号', type: 'idNumber', required: true },
  phone: { header: '手机号码', type: 'phone' },
  jobType: { header: '从业类型', type: 'enum', required: true, values: JOB_TYPES.labels },
  platform: { header: '所属平台企业', type: 'text', required: true },
  partyMember: { header: '是否党员', type: 'bool', required: true },
  mobileGridMember: { header: '是否流动网格员', type: 'bool', required: true },
  registeredOn: { header: '登记日期', type: 'date', required: true },
  community: { header: '常驻社区代码', type: 'code', required: true, pattern: /^\d{12}$/ },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

const spec: LedgerSpec<Key> = {
  file: 'gig/workers.csv',
  columns,
  key: ['number'],
  check: (v) =>
    regionLevel(normaliseRegionCode(str(v.community))) === 'COMMUNITY'
      ? []
      : [{ column: 'community', kind: 'format', reason: '应为社区级区划代码 / must be a community code' }],
};

/**
 * gig/workers.csv: one row per gig worker, keyed by the district's worker number. The ID number is
 * unique within the district (one registration per person) but never a key.
 */
export const workersLedger: LedgerImporter<Key> = {
  spec,
  place: { column: 'community' },
  async check(batch, ctx) {
    const outside = outsideDistrict(batch, ctx, (r) => str(r.value.community), columns.community.header);
    const communities = unknownReferences(spec, batch, 'community', await ctx.regionTree.regions(valuesOf(batch, 'community')), [
      '社区',
      'community',
    ]);
    // one person registered under two numbers of this district: in this batch, or against rows already stored
    const taken = await ctx.db.query(
      'SELECT id_number, number, community_code FROM gig_worker WHERE district_code = $1 AND id_number = ANY($2)',
      [ctx.district, valuesOf(batch, 'idNumber')],
    );
    const owner = new Map<string, string>(taken.rows.map((t: { id_number: string; number: string }) => [t.id_number, t.number]));
    // a worker the importing office may not see is not named
    const unnamed = new Set<string>(
      taken.rows.filter((t: { community_code: string }) => !mayName(ctx, t.community_code)).map((t: { number: string }) => t.number),
    );
    const duplicates: Defect[] = [];
    for (const { row, value } of batch) {
      const other = owner.get(str(value.idNumber));
      if (other && other !== value.number) {
        duplicates.push({
          file: spec.file,
          row,
          column: columns.idNumber.header,
          kind: 'duplicate',
          reason: unnamed.has(other)
            ? '该身份证号已在本区县登记 / a gig worker with this ID number is already registered in this district'
            : `身份证号已登记在${other}名下 / ID number already registered as ${other}`,
        });
      } else owner.set(str(value.idNumber), str(value.number));
    }
    return [...outside, ...communities, ...duplicates];
  },
  async write(batch, ctx) {
    const stored = await storeRows(
      ctx,
      {
        table: 'gig_worker',
        key: ['id'],
        region: 'community_code',
        columns: [
          'name',
          'id_number',
          'phone',
          'job_type',
          'platform',
          'party_member',
          'mobile_grid_member',
          'registered_on',
          'community_code',
        ],
        personal: ['name', 'id_number', 'phone'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          name: str(value.name),
          id_number: str(value.idNumber),
          phone: strOrNull(value.phone),
          job_type: JOB_TYPES.of(value.jobType),
          platform: str(value.platform),
          party_member: value.partyMember,
          mobile_grid_member: value.mobileGridMember,
          registered_on: str(value.registeredOn),
          community_code: str(value.community),
        },
      })),
      { keyLabel: (v) => `编号 ${v.number}`, keyColumn: columns.number.header },
    );
    await personIdsOf(
      ctx,
      GIG_WORKER_PERSON_IDS,
      batch.map((r) => str(r.value.idNumber)),
    );
    await followMemberships(
      ctx,
      batch.map((r) => globalId(ctx.district, str(r.value.number))),
    );
    return stored;
  },
};

import { globalId, normaliseRegionCode } from '@district/common';
import {
  existingIn,
  outsideDistrict,
  referenceDefect,
  storeRows,
  str,
  strOrNull,
  vocabulary,
  type ColumnSpec,
  type LedgerImporter,
} from '@district/ledger';

export const KINDS = vocabulary({
  荣誉奖项: 'AWARD',
  品牌: 'BRAND',
  示范点位: 'DEMONSTRATION_SITE',
  试点或培育名单: 'PILOT',
  案例入选: 'CASE_SELECTED',
} as const);
export const LEVELS = vocabulary({ 国家级: 'NATIONAL', 省级: 'PROVINCIAL', 市级: 'CITY', 区级: 'DISTRICT', 街道级: 'STREET' } as const);
export const HOLDERS = vocabulary({
  社区: 'COMMUNITY',
  站点: 'STATION',
  志愿服务项目: 'VOLUNTEER_PROJECT',
  服务项目: 'SERVICE_PROJECT',
  社会组织: 'ORGANIZATION',
  案例: 'CASE',
  团队: 'TEAM',
  个人: 'PERSON',
  小区: 'COMPOUND',
  工作法: 'WORKING_METHOD',
} as const);
export const RANKS = vocabulary({
  金奖: 'GOLD',
  银奖: 'SILVER',
  铜奖: 'BRONZE',
  一等奖: 'FIRST',
  二等奖: 'SECOND',
  三等奖: 'THIRD',
  优秀奖: 'EXCELLENT',
  优胜奖: 'WINNER',
} as const);

const columns = {
  number: { header: '登记编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  region: { header: '所属区划代码', type: 'code', required: true, pattern: /^\d{6}(\d{6})?$/ },
  kind: { header: '类型', type: 'enum', required: true, values: KINDS.labels },
  level: { header: '级别', type: 'enum', required: true, values: LEVELS.labels },
  title: { header: '名称', type: 'text', required: true },
  holderType: { header: '获得者类型', type: 'enum', required: true, values: HOLDERS.labels },
  holderName: { header: '获得者', type: 'text', required: true, personal: true },
  holderId: { header: '获得者编号', type: 'code', pattern: /^(\d{6}:)?[A-Za-z0-9_-]{1,40}$/ },
  rank: { header: '等次', type: 'enum', values: RANKS.labels },
  grantedBy: { header: '授予单位', type: 'text' },
  grantedOn: { header: '授予日期', type: 'date', required: true },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

/** workforce/recognitions.csv: honours, awards, brands, demonstration sites, pilots, selected cases. */
export const recognitionsLedger: LedgerImporter<Key> = {
  spec: { file: 'workforce/recognitions.csv', columns, key: ['number'] },
  place: { column: 'region', code: (v) => normaliseRegionCode(str(v.region)) },
  async check(batch, ctx) {
    const code = (v: unknown) => normaliseRegionCode(str(v as string));
    const defects = outsideDistrict(batch, ctx, (r) => code(r.value.region), columns.region.header);
    const known = await existingIn(
      ctx.db,
      'region',
      'code',
      batch.map((r) => code(r.value.region)),
      'withdrawn_on IS NULL',
    );
    return [
      ...defects,
      ...batch
        .filter((r) => !known.has(code(r.value.region)))
        .map((r) => referenceDefect(ctx.file, r.row, columns.region.header, `区划不存在：${str(r.value.region)} / no such region`)),
    ];
  },
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'recognition',
        region: 'region_code',
        key: ['id'],
        columns: ['region_code', 'kind', 'level', 'title', 'holder_type', 'holder_name', 'holder_id', 'rank', 'granted_by', 'granted_on'],
        personal: ['holder_name'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          region_code: normaliseRegionCode(str(value.region)),
          kind: KINDS.of(value.kind),
          level: LEVELS.of(value.level),
          title: str(value.title),
          holder_type: HOLDERS.of(value.holderType),
          holder_name: str(value.holderName),
          // a bare number is the district's own, as every ledger's numbers are
          holder_id: value.holderId
            ? str(value.holderId).includes(':')
              ? str(value.holderId)
              : globalId(ctx.district, str(value.holderId))
            : null,
          rank: RANKS.orNull(value.rank),
          granted_by: strOrNull(value.grantedBy),
          granted_on: str(value.grantedOn),
        },
      })),
      { keyLabel: (v) => `登记编号 ${v.number}`, keyColumn: columns.number.header },
    ),
};

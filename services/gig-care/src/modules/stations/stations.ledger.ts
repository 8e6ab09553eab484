import { upsertRows, type ColumnSpec, type LedgerImporter, type LedgerSpec } from '@district/common';
import { unknownCodes } from '../../lib/ledger-checks';
import { STATION_KINDS, type StationKind } from './gig-station.entity';

const columns = {
  code: { header: '站点编号', type: 'code', required: true },
  name: { header: '站点名称', type: 'text', required: true },
  kind: { header: '站点类型', type: 'enum', required: true, values: Object.values(STATION_KINDS) },
  communityCode: { header: '所属社区代码', type: 'code', required: true, pattern: /^\d{12}$/ },
  address: { header: '地址', type: 'text' },
  services: { header: '服务功能', type: 'text' },
  builtOn: { header: '建成或规范提升日期', type: 'date' },
} satisfies Record<string, ColumnSpec>;
type Column = keyof typeof columns;

const spec: LedgerSpec<Column> = { file: 'gig/stations.csv', columns, key: ['code'] };
const KIND_BY_LABEL = Object.fromEntries(Object.entries(STATION_KINDS).map(([k, v]) => [v, k])) as Record<string, StationKind>;

/** 服务功能 is typed as a list: 休息、饮水、充电 (enumeration comma, or commas). */
const servicesOf = (text: unknown) =>
  typeof text === 'string'
    ? text
        .split(/[、,，;；]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/** gig/stations.csv: new-citizen stations and friendly scenes; a blank date means it predates the ledger. */
export const stationsLedger: LedgerImporter<Column> = {
  spec,
  check: (batch, ctx) =>
    unknownCodes(
      batch,
      spec.file,
      columns.communityCode.header,
      (r) => String(r.value.communityCode),
      (codes) => ctx.references.regions(codes),
      ['社区', 'community'],
    ),
  write: (batch, ctx) =>
    upsertRows(
      ctx.db,
      'gig_station',
      ['code'],
      batch.map(({ value: v }) => ({
        code: v.code,
        name: v.name,
        kind: KIND_BY_LABEL[String(v.kind)],
        community_code: v.communityCode,
        address: v.address,
        services: servicesOf(v.services),
        built_on: v.builtOn,
      })),
    ),
};

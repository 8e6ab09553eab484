import { globalId } from '@district/common';
import {
  outsideDistrict,
  storeRows,
  str,
  strOrNull,
  unknownReferences,
  valuesOf,
  vocabulary,
  type ColumnSpec,
  type LedgerImporter,
  type LedgerSpec,
} from '@district/ledger';
import type { StationKind } from './station.entity';

export const STATION_KINDS = vocabulary<StationKind>({ 新市民驿站: 'NEW_CITIZEN_STATION', 友好场景: 'FRIENDLY_SCENE' });

const columns = {
  number: { header: '站点编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  name: { header: '站点名称', type: 'text', required: true },
  kind: { header: '站点类型', type: 'enum', required: true, values: STATION_KINDS.labels },
  community: { header: '所属社区代码', type: 'code', required: true, pattern: /^\d{12}$/ },
  address: { header: '地址', type: 'text' },
  services: { header: '服务功能', type: 'text' },
  builtOn: { header: '建成或规范提升日期', type: 'date' },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

const spec: LedgerSpec<Key> = { file: 'gig/stations.csv', columns, key: ['number'] };

/** 服务功能 is typed as a list: 休息、饮水、充电 (enumeration comma, or commas). */
const servicesOf = (text: string | null) =>
  (text ?? '')
    .split(/[、,，;；]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** gig/stations.csv: new-citizen stations and friendly scenes by the district's station number; a blank date means it predates the ledger. */
export const stationsLedger: LedgerImporter<Key> = {
  spec,
  place: { column: 'community' },
  check: async (batch, ctx) => [
    ...outsideDistrict(batch, ctx, (r) => str(r.value.community), columns.community.header),
    ...unknownReferences(spec, batch, 'community', await ctx.regionTree.regions(valuesOf(batch, 'community')), ['社区', 'community']),
  ],
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'gig_station',
        key: ['id'],
        region: 'community_code',
        columns: ['name', 'kind', 'community_code', 'address', 'services', 'built_on'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          name: str(value.name),
          kind: STATION_KINDS.of(value.kind),
          community_code: str(value.community),
          address: strOrNull(value.address),
          services: servicesOf(strOrNull(value.services)),
          built_on: strOrNull(value.builtOn),
        },
      })),
      { keyLabel: (v) => `站点编号 ${v.number}`, keyColumn: columns.number.header },
    ),
};

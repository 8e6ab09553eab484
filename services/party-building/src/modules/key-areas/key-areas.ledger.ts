import { globalId, normaliseRegionCode } from '@district/common';
import {
  outsideDistrict,
  referenceDefect,
  storeRows,
  str,
  vocabulary,
  type ColumnSpec,
  type LedgerImporter,
  type LedgerValue,
} from '@district/ledger';
import type { PartyKeyAreaKind } from '../../generated/graphql';

/** The kinds of key area (重点区域) and the words ledgers use for them. */
export const AREA_KINDS = vocabulary<PartyKeyAreaKind>({
  园区: 'PARK',
  产业园区: 'PARK',
  商圈: 'BUSINESS_DISTRICT',
  商业街区: 'BUSINESS_DISTRICT',
  商务楼宇: 'OFFICE_BUILDING',
  楼宇: 'OFFICE_BUILDING',
  众创空间: 'MAKER_SPACE',
  孵化器: 'MAKER_SPACE',
  专业市场: 'MARKET',
  其他: 'OTHER',
});

const columns = {
  number: { header: '区域编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  name: { header: '区域名称', type: 'text', required: true },
  kind: { header: '区域类型', type: 'enum', required: true, values: AREA_KINDS.labels },
  region: { header: '所属区划代码', type: 'code', required: true, pattern: /^\d{6}(\d{6})?$/ },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

const regionOf = (v: Record<Key, LedgerValue>) => normaliseRegionCode(str(v.region));

/**
 * party/key_areas.csv: the district's key areas, each at the node it lies in (a street or
 * community, or the district's node when it spans streets). Imported before the organizations
 * that name them (party/two_new_orgs.csv, 所在重点区域编号).
 */
export const keyAreasLedger: LedgerImporter<Key> = {
  spec: { file: 'party/key_areas.csv', columns, key: ['number'] },
  place: { column: 'region', code: regionOf },
  async check(batch, ctx) {
    const outside = outsideDistrict(batch, ctx, (r) => regionOf(r.value), columns.region.header);
    const away = new Set(outside.map((d) => d.row));
    const known = await ctx.regionTree.regions([...new Set(batch.map((r) => regionOf(r.value)))]);
    return [
      ...outside,
      ...batch
        .filter((r) => !away.has(r.row) && !known.has(regionOf(r.value)))
        .map((r) =>
          referenceDefect(ctx.file, r.row, columns.region.header, `区划树中没有该区划：${str(r.value.region)} / no such region node`),
        ),
    ];
  },
  write: (batch, ctx) =>
    storeRows(
      ctx,
      { table: 'party_key_area', key: ['id'], region: 'region_code', columns: ['name', 'kind', 'region_code'] },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          name: str(value.name),
          kind: AREA_KINDS.of(value.kind),
          region_code: regionOf(value),
        },
      })),
      { keyLabel: (v) => `区域编号 ${v.number}`, keyColumn: columns.number.header },
    ),
};

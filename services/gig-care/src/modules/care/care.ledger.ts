import { districtNode, globalId } from '@district/common';
import { storeRows, str, strOrNull, vocabulary, type ColumnSpec, type LedgerImporter, type LedgerSpec } from '@district/ledger';
import type { CareEventKind, PartnerType } from './care.entity';

const eventColumns = {
  number: { header: '活动编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  name: { header: '活动名称', type: 'text', required: true },
  heldOn: { header: '活动日期', type: 'date', required: true },
  served: { header: '服务人次', type: 'int', required: true, min: 0, max: 1_000_000 },
  partnerName: { header: '合作单位', type: 'text' },
} satisfies Record<string, ColumnSpec>;

/** Every edition of 城市骑士节 (spring, summer…) is named after it. */
const KNIGHT_FESTIVAL = '城市骑士节';
const kindOf = (name: string): CareEventKind => (name.includes(KNIGHT_FESTIVAL) ? 'KNIGHT_FESTIVAL' : 'OTHER');

/**
 * gig/care_events.csv: the care events of the district the ledger set belongs to. The ledger names
 * no place, so every event sits at that district's node and counts there only.
 */
export const careEventsLedger: LedgerImporter<keyof typeof eventColumns> = {
  spec: { file: 'gig/care_events.csv', columns: eventColumns, key: ['number'] },
  write: (batch, ctx) =>
    storeRows(
      ctx,
      { table: 'gig_care_event', key: ['id'], columns: ['region_code', 'name', 'kind', 'held_on', 'served', 'partner_name'] },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          region_code: districtNode(ctx.district),
          name: str(value.name),
          kind: kindOf(str(value.name)),
          held_on: str(value.heldOn),
          served: value.served,
          partner_name: strOrNull(value.partnerName),
        },
      })),
      { keyLabel: (v) => `活动编号 ${v.number}`, keyColumn: eventColumns.number.header },
    ),
};

export const PARTNER_TYPES = vocabulary<PartnerType>({ 公益组织: 'WELFARE_ORG', 企事业单位: 'ENTERPRISE' });

const partnerColumns = {
  name: { header: '单位名称', type: 'text', required: true },
  type: { header: '单位类型', type: 'enum', required: true, values: PARTNER_TYPES.labels },
  year: { header: '参与年度', type: 'int', required: true, min: 2000, max: 2100 },
} satisfies Record<string, ColumnSpec>;

/**
 * gig/care_partners.csv: the ledger repeats generic names for different units and the work report
 * counts rows, so there is no natural key to check: a row is its district, its year and its line in
 * the ledger, and sits at the district's node.
 */
const partnerSpec: LedgerSpec<keyof typeof partnerColumns> = { file: 'gig/care_partners.csv', columns: partnerColumns, key: [] };

export const carePartnersLedger: LedgerImporter<keyof typeof partnerColumns> = {
  spec: partnerSpec,
  write: (batch, ctx) =>
    storeRows(
      ctx,
      { table: 'gig_care_partner', key: ['id'], columns: ['region_code', 'name', 'type'] },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, `${value.year}-${row}`),
          district_code: ctx.district,
          year: value.year,
          ledger_row: row,
          region_code: districtNode(ctx.district),
          name: str(value.name),
          type: PARTNER_TYPES.of(value.type),
        },
      })),
      { keyLabel: (v) => `参与年度 ${v.year} 第 ${v.ledger_row} 行`, keyColumn: partnerColumns.year.header },
    ),
};

import { upsertRows, type ColumnSpec, type LedgerImporter, type LedgerSpec } from '@district/common';
import { PARTNER_TYPES, type PartnerType } from './care-partner.entity';

const eventColumns = {
  code: { header: '活动编号', type: 'code', required: true },
  name: { header: '活动名称', type: 'text', required: true },
  heldOn: { header: '活动日期', type: 'date', required: true },
  served: { header: '服务人次', type: 'int', required: true, min: 0, max: 1_000_000 },
  partnerName: { header: '合作单位', type: 'text' },
} satisfies Record<string, ColumnSpec>;

/** Every edition of 城市骑士节 (spring, summer…) is named after it. */
const KNIGHT_FESTIVAL = '城市骑士节';

/** gig/care_events.csv: district-wide care events with the people they served. */
export const careEventsLedger: LedgerImporter<keyof typeof eventColumns> = {
  spec: { file: 'gig/care_events.csv', columns: eventColumns, key: ['code'] },
  write: (batch, ctx) =>
    upsertRows(
      ctx.db,
      'gig_care_event',
      ['code'],
      batch.map(({ value: v }) => ({
        code: v.code,
        name: v.name,
        kind: String(v.name).includes(KNIGHT_FESTIVAL) ? 'KNIGHT_FESTIVAL' : 'OTHER',
        held_on: v.heldOn,
        served: v.served,
        partner_name: v.partnerName,
      })),
    ),
};

const partnerColumns = {
  name: { header: '单位名称', type: 'text', required: true },
  type: { header: '单位类型', type: 'enum', required: true, values: Object.values(PARTNER_TYPES) },
  year: { header: '参与年度', type: 'int', required: true, min: 2000, max: 2100 },
} satisfies Record<string, ColumnSpec>;

const TYPE_BY_LABEL = Object.fromEntries(Object.entries(PARTNER_TYPES).map(([k, v]) => [v, k])) as Record<string, PartnerType>;

/**
 * gig/care_partners.csv: the ledger repeats generic names for different units and the work report
 * counts rows, so there is no natural key to check: a row is its year and its line in the ledger.
 */
const partnerSpec: LedgerSpec<keyof typeof partnerColumns> = { file: 'gig/care_partners.csv', columns: partnerColumns, key: [] };

export const carePartnersLedger: LedgerImporter<keyof typeof partnerColumns> = {
  spec: partnerSpec,
  write: (batch, ctx) =>
    upsertRows(
      ctx.db,
      'gig_care_partner',
      ['year', 'ledger_row'],
      batch.map(({ row, value: v }) => ({
        year: v.year,
        ledger_row: row,
        name: v.name,
        type: TYPE_BY_LABEL[String(v.type)],
      })),
    ),
};

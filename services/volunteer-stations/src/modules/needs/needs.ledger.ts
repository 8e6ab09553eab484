import { communityOf, globalId } from '@district/common';
import { placeDefects, storeRows, str, vocabulary, type ColumnSpec, type LedgerImporter } from '@district/ledger';
import { categoryKindOf } from '../activities/categories';
import { LEDGER_NUMBER } from '../stations/stations.ledger';

/** The ledger's words for where a need stands; 已完成 is how it writes a need whose loop is closed. */
export const NEED_STATUSES = vocabulary({
  待认领: 'RAISED',
  已认领: 'CLAIMED',
  已服务: 'SERVED',
  已反馈: 'CLOSED',
  已完成: 'CLOSED',
} as const);

const GRID = /^\d{14}$/;

const needColumns = {
  number: { header: '需求编号', type: 'code', required: true, pattern: LEDGER_NUMBER },
  grid: { header: '网格编码', type: 'code', required: true, pattern: GRID },
  content: { header: '需求内容', type: 'text', required: true },
  category: { header: '需求类别', type: 'text', required: true },
  raisedOn: { header: '提出日期', type: 'date', required: true },
  status: { header: '状态', type: 'enum', required: true, values: NEED_STATUSES.labels },
} satisfies Record<string, ColumnSpec>;
type NeedKey = keyof typeof needColumns;

/** volunteer/needs.csv: the needs lists of the district's grids, and where each need's loop stands. */
export const needsLedger: LedgerImporter<NeedKey> = {
  spec: { file: 'volunteer/needs.csv', columns: needColumns, key: ['number'] },
  place: { column: 'grid' },
  check: (batch, ctx) => placeDefects(needsLedger.spec, batch, ctx, 'grid', 'grid'),
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'need',
        key: ['id'],
        region: 'grid_code',
        columns: ['grid_code', 'community_code', 'content', 'category', 'category_kind', 'raised_on', 'status'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          grid_code: str(value.grid),
          community_code: communityOf(str(value.grid)),
          content: str(value.content),
          category: str(value.category),
          category_kind: categoryKindOf(str(value.category)),
          raised_on: str(value.raisedOn),
          status: NEED_STATUSES.of(value.status),
        },
      })),
      { keyLabel: (v) => `需求编号 ${v.number}`, keyColumn: needColumns.number.header },
    ),
};

const resourceColumns = {
  number: { header: '资源编号', type: 'code', required: true, pattern: LEDGER_NUMBER },
  grid: { header: '网格编码', type: 'code', required: true, pattern: GRID },
  provider: { header: '资源提供方', type: 'text', required: true },
  content: { header: '资源内容', type: 'text', required: true },
  category: { header: '资源类别', type: 'text', required: true },
  registeredOn: { header: '登记日期', type: 'date', required: true },
} satisfies Record<string, ColumnSpec>;
type ResourceKey = keyof typeof resourceColumns;

/** volunteer/resources.csv: the resources lists of the district's grids. */
export const resourcesLedger: LedgerImporter<ResourceKey> = {
  spec: { file: 'volunteer/resources.csv', columns: resourceColumns, key: ['number'] },
  place: { column: 'grid' },
  check: (batch, ctx) => placeDefects(resourcesLedger.spec, batch, ctx, 'grid', 'grid'),
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'resource',
        key: ['id'],
        region: 'grid_code',
        columns: ['grid_code', 'community_code', 'provider', 'content', 'category', 'registered_on'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          grid_code: str(value.grid),
          community_code: communityOf(str(value.grid)),
          provider: str(value.provider),
          content: str(value.content),
          category: str(value.category),
          registered_on: str(value.registeredOn),
        },
      })),
      { keyLabel: (v) => `资源编号 ${v.number}`, keyColumn: resourceColumns.number.header },
    ),
};

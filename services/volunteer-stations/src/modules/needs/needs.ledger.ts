import { communityOf, upsertRows, type LedgerImporter, type LedgerSpec } from '@district/common';
import { missingReferences, text, valuesOf } from '../../lib/ledger-checks';
import { NEED_STATUS_LABEL } from './need.entity';

const GRID = /^\d{14}$/;

type NeedColumn = 'code' | 'grid' | 'content' | 'category' | 'raisedOn' | 'status';
const needSpec: LedgerSpec<NeedColumn> = {
  file: 'volunteer/needs.csv',
  columns: {
    code: { header: '需求编号', type: 'code', required: true },
    grid: { header: '网格编码', type: 'code', required: true, pattern: GRID },
    content: { header: '需求内容', type: 'text', required: true },
    category: { header: '需求类别', type: 'text', required: true },
    raisedOn: { header: '提出日期', type: 'date', required: true },
    status: { header: '状态', type: 'enum', required: true, values: Object.keys(NEED_STATUS_LABEL) },
  },
  key: ['code'],
};

/** Needs and resources sit on grids of the region tree, checked through the graph. */
export const needLedger: LedgerImporter<NeedColumn> = {
  spec: needSpec,
  async check(batch, ctx) {
    return missingReferences(needSpec, batch, 'grid', await ctx.references.grids(valuesOf(batch, 'grid')), ['网格', 'grid']);
  },
  write: (batch, ctx) =>
    upsertRows(
      ctx.db,
      'need',
      ['code'],
      batch.map(({ value: v }) => ({
        code: v.code,
        grid_code: v.grid,
        community_code: communityOf(text(v.grid)!),
        content: v.content,
        category: v.category,
        raised_on: v.raisedOn,
        status: NEED_STATUS_LABEL[text(v.status)!],
      })),
    ),
};

type ResourceColumn = 'code' | 'grid' | 'provider' | 'content' | 'category' | 'registeredOn';
const resourceSpec: LedgerSpec<ResourceColumn> = {
  file: 'volunteer/resources.csv',
  columns: {
    code: { header: '资源编号', type: 'code', required: true },
    grid: { header: '网格编码', type: 'code', required: true, pattern: GRID },
    provider: { header: '资源提供方', type: 'text', required: true },
    content: { header: '资源内容', type: 'text', required: true },
    category: { header: '资源类别', type: 'text', required: true },
    registeredOn: { header: '登记日期', type: 'date', required: true },
  },
  key: ['code'],
};

export const resourceLedger: LedgerImporter<ResourceColumn> = {
  spec: resourceSpec,
  async check(batch, ctx) {
    return missingReferences(resourceSpec, batch, 'grid', await ctx.references.grids(valuesOf(batch, 'grid')), ['网格', 'grid']);
  },
  write: (batch, ctx) =>
    upsertRows(
      ctx.db,
      'resource',
      ['code'],
      batch.map(({ value: v }) => ({
        code: v.code,
        grid_code: v.grid,
        community_code: communityOf(text(v.grid)!),
        provider: v.provider,
        content: v.content,
        category: v.category,
        registered_on: v.registeredOn,
      })),
    ),
};

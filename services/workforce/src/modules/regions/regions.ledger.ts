import {
  isWithin,
  normaliseRegionCode,
  upsertRows,
  type ColumnSpec,
  type Defect,
  type LedgerImporter,
  type RowProblem,
} from '@district/common';
import { existing, mapping, maybe, referenceDefect, text } from '../../ledger-kit';

const LEVELS = mapping({ 区: 'DISTRICT', 街道: 'STREET', 镇: 'TOWN', 社区: 'COMMUNITY', 村: 'COMMUNITY' } as const);
const REGION_CODE = /^\d{6}(\d{6})?$/;

const regionColumns = {
  code: { header: '区划代码', type: 'code', required: true, pattern: REGION_CODE },
  name: { header: '名称', type: 'text', required: true },
  level: { header: '层级', type: 'enum', required: true, values: LEVELS.labels },
  parent: { header: '上级区划代码', type: 'code', pattern: REGION_CODE },
} satisfies Record<string, ColumnSpec>;
type RegionKey = keyof typeof regionColumns;

/** A code's shape says its level: the district ends in 000000, a street or town in 000, a community in neither. */
function levelProblems(v: Record<RegionKey, unknown>): RowProblem<RegionKey>[] {
  const code = normaliseRegionCode(text(v.code));
  const level = LEVELS.of(v.level);
  const shape = code.endsWith('000000') ? 'DISTRICT' : code.endsWith('000') ? 'STREET' : 'COMMUNITY';
  const fits = shape === level || (shape === 'STREET' && level === 'TOWN');
  const problems: RowProblem<RegionKey>[] = [];
  if (!fits) problems.push({ column: 'code', kind: 'format', reason: '区划代码与层级不符 / the code does not fit the level' });
  if (level !== 'DISTRICT' && !v.parent)
    problems.push({ column: 'parent', kind: 'required', reason: '必填项为空 / required value missing' });
  return problems;
}

/** regions.csv: the tree itself. A parent must come earlier in the file or be imported already. */
export const regionsLedger: LedgerImporter<RegionKey> = {
  spec: { file: 'regions.csv', columns: regionColumns, key: ['code'], check: levelProblems },
  async check(batch, ctx) {
    const inBatch = new Set(batch.map((r) => normaliseRegionCode(text(r.value.code))));
    const parents = batch
      .map((r) => maybe(r.value.parent))
      .filter((p): p is string => !!p)
      .map(normaliseRegionCode);
    const known = await existing(
      ctx.db,
      'region',
      parents.filter((p) => !inBatch.has(p)),
    );
    const defects: Defect[] = [];
    for (const { row, value } of batch) {
      if (!value.parent) continue;
      const code = normaliseRegionCode(text(value.code));
      const parent = normaliseRegionCode(text(value.parent));
      if (!inBatch.has(parent) && !known.has(parent)) {
        defects.push(referenceDefect('regions.csv', row, regionColumns.parent.header, `上级区划不存在：${parent} / no such parent region`));
      } else if (parent === code || !isWithin(code, parent)) {
        defects.push(
          referenceDefect(
            'regions.csv',
            row,
            regionColumns.parent.header,
            `上级区划与代码不符：${parent} / the parent does not contain this code`,
          ),
        );
      }
    }
    return defects;
  },
  write: (batch, ctx) =>
    upsertRows(
      ctx.db,
      'region',
      ['code'],
      batch.map(({ value }) => ({
        code: normaliseRegionCode(text(value.code)),
        name: text(value.name),
        level: LEVELS.of(value.level),
        parent_code: value.parent ? normaliseRegionCode(text(value.parent)) : null,
      })),
    ),
};

const gridColumns = {
  code: { header: '网格编码', type: 'code', required: true, pattern: /^\d{14}$/ },
  name: { header: '网格名称', type: 'text', required: true },
  community: { header: '所属社区代码', type: 'code', required: true, pattern: /^\d{12}$/ },
  type: { header: '网格类型', type: 'text' },
} satisfies Record<string, ColumnSpec>;
type GridKey = keyof typeof gridColumns;

/** grids.csv: a grid's code is its community's code plus two digits. */
export const gridsLedger: LedgerImporter<GridKey> = {
  spec: {
    file: 'grids.csv',
    columns: gridColumns,
    key: ['code'],
    check: (v) =>
      text(v.code).startsWith(text(v.community))
        ? []
        : [{ column: 'code', kind: 'format', reason: '网格编码应以所属社区代码开头 / a grid code starts with its community code' }],
  },
  async check(batch, ctx) {
    const communities = await existing(
      ctx.db,
      'region',
      batch.map((r) => text(r.value.community)),
      `level = 'COMMUNITY'`,
    );
    return batch
      .filter((r) => !communities.has(text(r.value.community)))
      .map((r) =>
        referenceDefect('grids.csv', r.row, gridColumns.community.header, `社区不存在：${text(r.value.community)} / no such community`),
      );
  },
  write: (batch, ctx) =>
    upsertRows(
      ctx.db,
      'grid',
      ['code'],
      batch.map(({ value }) => ({
        code: text(value.code),
        name: text(value.name),
        community_code: text(value.community),
        type: maybe(value.type),
      })),
    ),
};

const compoundColumns = {
  code: { header: '小区编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,20}$/ },
  name: { header: '小区名称', type: 'text', required: true },
  community: { header: '所属社区代码', type: 'code', required: true, pattern: /^\d{12}$/ },
  grid: { header: '所属网格编码', type: 'code', pattern: /^\d{14}$/ },
  households: { header: '户数', type: 'int', min: 0 },
  propertyMode: { header: '物业管理模式', type: 'text' },
} satisfies Record<string, ColumnSpec>;
type CompoundKey = keyof typeof compoundColumns;

/** compounds.csv: a compound lies in one community and, when given, one of that community's grids. */
export const compoundsLedger: LedgerImporter<CompoundKey> = {
  spec: {
    file: 'compounds.csv',
    columns: compoundColumns,
    key: ['code'],
    check: (v) =>
      !v.grid || text(v.grid).startsWith(text(v.community))
        ? []
        : [{ column: 'grid', kind: 'reference', reason: '网格不属于所属社区 / the grid is not in the community' }],
  },
  async check(batch, ctx) {
    const communities = await existing(
      ctx.db,
      'region',
      batch.map((r) => text(r.value.community)),
      `level = 'COMMUNITY'`,
    );
    const grids = await existing(
      ctx.db,
      'grid',
      batch.map((r) => maybe(r.value.grid)).filter((g): g is string => !!g),
    );
    const defects: Defect[] = [];
    for (const { row, value } of batch) {
      if (!communities.has(text(value.community))) {
        defects.push(
          referenceDefect(
            'compounds.csv',
            row,
            compoundColumns.community.header,
            `社区不存在：${text(value.community)} / no such community`,
          ),
        );
      } else if (value.grid && !grids.has(text(value.grid))) {
        defects.push(referenceDefect('compounds.csv', row, compoundColumns.grid.header, `网格不存在：${text(value.grid)} / no such grid`));
      }
    }
    return defects;
  },
  write: (batch, ctx) =>
    upsertRows(
      ctx.db,
      'compound',
      ['code'],
      batch.map(({ value }) => ({
        code: text(value.code),
        name: text(value.name),
        community_code: text(value.community),
        grid_code: maybe(value.grid),
        households: value.households as number | null,
        property_mode: maybe(value.propertyMode),
      })),
    ),
};

import { districtOf, globalId, isWithin, normaliseRegionCode } from '@district/common';
import {
  existingIn,
  normaliseHeader,
  outsideDistrict,
  readLedger,
  placesDefects,
  referenceDefect,
  storeRows,
  str,
  strOrNull,
  vocabulary,
  type ColumnSpec,
  type LedgerImporter,
  type RowProblem,
} from '@district/ledger';

const LEVELS = vocabulary({ 区: 'DISTRICT', 街道: 'STREET', 镇: 'TOWN', 社区: 'COMMUNITY', 村: 'COMMUNITY' } as const);
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
  const code = normaliseRegionCode(str(v.code as string));
  const level = LEVELS.of(v.level);
  const shape = code.endsWith('000000') ? 'DISTRICT' : code.endsWith('000') ? 'STREET' : 'COMMUNITY';
  const fits = shape === level || (shape === 'STREET' && level === 'TOWN');
  const problems: RowProblem<RegionKey>[] = [];
  if (!fits) problems.push({ column: 'code', kind: 'format', reason: '区划代码与层级不符 / the code does not fit the level' });
  if (level !== 'DISTRICT' && !v.parent)
    problems.push({ column: 'parent', kind: 'required', reason: '必填项为空 / required value missing' });
  return problems;
}

/**
 * The districts a regions.csv declares (its rows of level 区): the district of a ledger set that
 * carries its own tree. A file too broken to say declares none; its import reports why.
 */
async function declaredDistricts(path: string): Promise<string[]> {
  const [code, level] = [normaliseHeader(regionColumns.code.header), normaliseHeader(regionColumns.level.header)];
  const found = new Set<string>();
  try {
    for await (const row of readLedger(path, { columns: [regionColumns.code.header, regionColumns.level.header] })) {
      const c = String(row.cells[code] ?? '').trim();
      if (LEVELS.orNull(String(row.cells[level] ?? '').trim()) === 'DISTRICT' && REGION_CODE.test(c))
        found.add(districtOf(normaliseRegionCode(c)));
    }
  } catch {
    // a broken regions.csv is reported by its own import; it names no district here
  }
  return [...found];
}

/** regions.csv: the tree itself. A parent must come earlier in the file or be imported already. */
export const regionsLedger: LedgerImporter<RegionKey> = {
  spec: { file: 'regions.csv', columns: regionColumns, key: ['code'], check: levelProblems },
  declaredDistricts,
  async check(batch, ctx) {
    const inBatch = new Set(batch.map((r) => normaliseRegionCode(str(r.value.code))));
    const parents = batch
      .map((r) => strOrNull(r.value.parent))
      .filter((p): p is string => !!p)
      .map(normaliseRegionCode);
    const known = await existingIn(
      ctx.db,
      'region',
      'code',
      parents.filter((p) => !inBatch.has(p)),
    );
    const defects = outsideDistrict(batch, ctx, (r) => normaliseRegionCode(str(r.value.code)), regionColumns.code.header);
    for (const { row, value } of batch) {
      if (!value.parent) continue;
      const code = normaliseRegionCode(str(value.code));
      const parent = normaliseRegionCode(str(value.parent));
      if (!inBatch.has(parent) && !known.has(parent)) {
        defects.push(referenceDefect(ctx.file, row, regionColumns.parent.header, `上级区划不存在：${parent} / no such parent region`));
      } else if (parent === code || !isWithin(code, parent)) {
        defects.push(
          referenceDefect(
            ctx.file,
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
    storeRows(
      ctx,
      { table: 'region', key: ['code'], columns: ['name', 'level', 'parent_code'] },
      batch.map(({ row, value }) => ({
        row,
        values: {
          code: normaliseRegionCode(str(value.code)),
          name: str(value.name),
          level: LEVELS.of(value.level),
          parent_code: value.parent ? normaliseRegionCode(str(value.parent)) : null,
        },
      })),
      { keyLabel: (v) => `区划代码 ${v.code}`, keyColumn: regionColumns.code.header },
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
      str(v.code).startsWith(str(v.community))
        ? []
        : [{ column: 'code', kind: 'format', reason: '网格编码应以所属社区代码开头 / a grid code starts with its community code' }],
  },
  place: { column: 'community' },
  check: (batch, ctx) => placesDefects(gridsLedger.spec, batch, ctx, [['community', 'community']]),
  write: (batch, ctx) =>
    storeRows(
      ctx,
      { table: 'grid', key: ['code'], region: 'community_code', columns: ['name', 'community_code', 'type'] },
      batch.map(({ row, value }) => ({
        row,
        values: { code: str(value.code), name: str(value.name), community_code: str(value.community), type: strOrNull(value.type) },
      })),
      { keyLabel: (v) => `网格编码 ${v.code}`, keyColumn: gridColumns.code.header },
    ),
};

const compoundColumns = {
  number: { header: '小区编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  name: { header: '小区名称', type: 'text', required: true },
  community: { header: '所属社区代码', type: 'code', required: true, pattern: /^\d{12}$/ },
  grid: { header: '所属网格编码', type: 'code', pattern: /^\d{14}$/ },
  households: { header: '户数', type: 'int', min: 0, max: 1_000_000 },
  propertyMode: { header: '物业管理模式', type: 'text' },
} satisfies Record<string, ColumnSpec>;
type CompoundKey = keyof typeof compoundColumns;

/** compounds.csv: a compound lies in one community and, when given, one of that community's grids; its number is the district's own. */
export const compoundsLedger: LedgerImporter<CompoundKey> = {
  spec: {
    file: 'compounds.csv',
    columns: compoundColumns,
    key: ['number'],
    check: (v) =>
      !v.grid || str(v.grid).startsWith(str(v.community))
        ? []
        : [{ column: 'grid', kind: 'reference', reason: '网格不属于所属社区 / the grid is not in the community' }],
  },
  place: { column: 'community' },
  check: (batch, ctx) =>
    placesDefects(compoundsLedger.spec, batch, ctx, [
      ['community', 'community'],
      ['grid', 'grid'],
    ]),
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'compound',
        key: ['id'],
        region: 'community_code',
        columns: ['name', 'community_code', 'grid_code', 'households', 'property_mode'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          name: str(value.name),
          community_code: str(value.community),
          grid_code: strOrNull(value.grid),
          households: value.households as number | null,
          property_mode: strOrNull(value.propertyMode),
        },
      })),
      { keyLabel: (v) => `小区编号 ${v.number}`, keyColumn: compoundColumns.number.header },
    ),
};

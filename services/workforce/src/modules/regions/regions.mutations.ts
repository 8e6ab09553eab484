import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, districtOf, globalId, isWithin, normaliseRegionCode, regionLevel } from '@district/common';
import {
  assertKeyFree,
  audited,
  correction,
  defineRecord,
  localNumberOf,
  notFuture,
  optionalText,
  regionCodeOf,
  requiredText,
  wholeNumber,
  withdrawal,
  type ChangeSet,
} from '@district/subgraph-kit';
import type { CorrectCompoundInput, CorrectGridInput, CorrectRegionInput, MutationResolvers } from '../../generated/graphql';
import { Compound, Grid, Region } from './region.entity';

const DEPARTMENT = 'workforce';

/**
 * The region tree's nodes, grids and compounds, created, corrected and withdrawn through the API like
 * any ledger's records. Other subgraphs' records name them by code: a node withdrawn here is no
 * longer found by their lookups, but their own records are theirs to correct; within this subgraph a
 * node is refused withdrawal while anything lies under it.
 */
export const REGION_RECORD = defineRecord<Region>({
  type: 'Region',
  entity: Region,
  label: ['区划节点', 'region node'],
  owner: DEPARTMENT,
  placeOf: (r) => r.code,
  idOf: (r) => r.code,
  lookup: (_ctx, given) => ({ code: normaliseRegionCode(given ?? '') }),
  referencedBy: [
    { table: 'region', column: 'parent_code', label: ['下级区划', 'child nodes'] },
    { table: 'grid', column: 'community_code', label: ['网格', 'grids'] },
    { table: 'compound', column: 'community_code', label: ['小区', 'compounds'] },
    { table: 'villagers_group', column: 'community_code', label: ['村（居）民小组', 'villagers’ groups'] },
    { table: 'worker_post', column: 'community_code', label: ['任职记录', 'posts'] },
    { table: 'certificate', column: 'region_code', label: ['证书', 'certificates'] },
    { table: 'exam_registration', column: 'region_code', label: ['考试报名', 'exam registrations'] },
    { table: 'deliberation', column: 'community_code', label: ['议事议题', 'deliberation topics'] },
    { table: 'talent_pool_member', column: 'region_code', label: ['人才库成员', 'talent pool members'] },
    { table: 'demonstration_application', column: 'community_code', label: ['示范创建申报', 'demonstration applications'] },
  ],
});

export const GRID_RECORD = defineRecord<Grid>({
  type: 'Grid',
  entity: Grid,
  label: ['网格', 'grid'],
  owner: DEPARTMENT,
  placeOf: (g) => g.communityCode,
  idOf: (g) => g.code,
  lookup: (_ctx, given) => ({ code: (given ?? '').trim() }),
  referencedBy: [
    { table: 'compound', column: 'grid_code', label: ['小区', 'compounds'] },
    { table: 'worker_post', column: 'grid_code', label: ['任职记录', 'posts'] },
  ],
});

export const COMPOUND_RECORD = defineRecord<Compound>({
  type: 'Compound',
  entity: Compound,
  label: ['小区', 'compound'],
  owner: DEPARTMENT,
  placeOf: (c) => c.communityCode,
  idOf: (c) => c.id,
  referencedBy: [{ table: 'demonstration_application', column: 'compound_id', label: ['示范创建申报', 'demonstration applications'] }],
});

/** A node of the tree of the given levels, live. */
async function node(em: EntityManager, code: string, field: string, levels: Region['level'][]): Promise<Region> {
  const found = await em.findOne(Region, { code });
  if (!found || !levels.includes(found.level)) throw badInput(`区划不存在：${code} / no such ${levels.join(' or ').toLowerCase()}`, field);
  return found;
}

const dayOf = (value: string | null | undefined, field: string, label: string) =>
  value === null || value === undefined ? value : notFuture(value, field, label);

/** Set-up and abolition days of a node, grid or compound: neither in the future, abolished after set up. */
function setDays(
  change: ChangeSet,
  row: { establishedOn?: string | null; abolishedOn?: string | null },
  input: {
    establishedOn?: string | null;
    abolishedOn?: string | null;
  },
) {
  change.set(row, 'establishedOn', dayOf(input.establishedOn, 'establishedOn', '设立日期'));
  change.set(row, 'abolishedOn', dayOf(input.abolishedOn, 'abolishedOn', '撤销日期'));
  if (row.establishedOn && row.abolishedOn && row.abolishedOn <= row.establishedOn) {
    throw badInput('撤销日期须晚于设立日期 / abolished after it was set up', 'abolishedOn');
  }
}

async function gridOfCommunity(em: EntityManager, gridCode: string | null | undefined, communityCode: string): Promise<string | null> {
  if (!gridCode) return null;
  const grid = await em.findOne(Grid, { code: gridCode });
  if (!grid || grid.communityCode !== communityCode)
    throw badInput(`网格 ${gridCode} 不属于该社区 / the grid is not in the community`, 'gridCode');
  return grid.code;
}

export const regionMutations: MutationResolvers = {
  createRegion: (_, { input }, ctx) =>
    audited(
      ctx,
      'createRegion',
      input,
      async (em) => {
        const code = regionCodeOf(input.code, 'code', ['STREET', 'COMMUNITY']);
        const shape = regionLevel(code);
        if ((input.level === 'COMMUNITY') !== (shape === 'COMMUNITY') || input.level === 'DISTRICT') {
          throw badInput('区划代码与层级不符 / the code does not fit the level', 'level');
        }
        const parentCode = normaliseRegionCode(input.parentCode);
        const parent = await node(em, parentCode, 'parentCode', input.level === 'COMMUNITY' ? ['STREET', 'TOWN'] : ['DISTRICT']);
        if (!isWithin(code, parent.code) || code === parent.code) {
          throw badInput('上级区划与代码不符 / the parent does not contain this code', 'parentCode');
        }
        assertCanWrite(ctx.caller, DEPARTMENT, parent.code);
        await assertKeyFree(em, Region, { code }, 'code', `区划代码 ${code} `);
        return em.create(Region, {
          code,
          name: requiredText(input.name, 'name', '名称', 50),
          level: input.level,
          parentCode: parent.code,
          establishedOn: dayOf(input.establishedOn, 'establishedOn', '设立日期') ?? null,
          abolishedOn: null,
        });
      },
      (r) => `Region:${r.code}`,
    ),
  correctRegion: correction<Region, CorrectRegionInput, 'code'>(
    REGION_RECORD,
    ({ row, change }, input) => {
      if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '名称', 50));
      setDays(change, row, input);
    },
    'code',
  ),
  withdrawRegion: withdrawal(REGION_RECORD, { idArg: 'code' }),

  createGrid: (_, { input }, ctx) =>
    audited(
      ctx,
      'createGrid',
      input,
      async (em) => {
        const communityCode = regionCodeOf(input.communityCode, 'communityCode');
        assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
        await node(em, communityCode, 'communityCode', ['COMMUNITY']);
        const code = (input.code ?? '').trim();
        if (!/^\d{14}$/.test(code) || !code.startsWith(communityCode)) {
          throw badInput('网格编码应为所属社区代码加2位数字 / a grid code is its community code + 2 digits', 'code');
        }
        await assertKeyFree(em, Grid, { code }, 'code', `网格编码 ${code} `);
        return em.create(Grid, {
          code,
          name: requiredText(input.name, 'name', '网格名称', 50),
          communityCode,
          type: optionalText(input.type, 'type', '网格类型', 20),
          establishedOn: dayOf(input.establishedOn, 'establishedOn', '设立日期') ?? null,
          abolishedOn: null,
        });
      },
      (g) => `Grid:${g.code}`,
    ),
  correctGrid: correction<Grid, CorrectGridInput, 'code'>(
    GRID_RECORD,
    ({ row, change }, input) => {
      if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '网格名称', 50));
      if (input.type !== undefined) change.set(row, 'type', optionalText(input.type, 'type', '网格类型', 20));
      setDays(change, row, input);
    },
    'code',
  ),
  withdrawGrid: withdrawal(GRID_RECORD, { idArg: 'code' }),

  createCompound: (_, { input }, ctx) =>
    audited(
      ctx,
      'createCompound',
      input,
      async (em) => {
        const communityCode = regionCodeOf(input.communityCode, 'communityCode');
        assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
        await node(em, communityCode, 'communityCode', ['COMMUNITY']);
        const number = localNumberOf(input.id, 'id', '小区编号');
        const district = districtOf(communityCode);
        const id = globalId(district, number);
        await assertKeyFree(em, Compound, { id }, 'id', `小区编号 ${number} `);
        return em.create(Compound, {
          id,
          districtCode: district,
          number,
          name: requiredText(input.name, 'name', '小区名称', 100),
          communityCode,
          gridCode: await gridOfCommunity(em, input.gridCode, communityCode),
          households:
            input.households === null || input.households === undefined
              ? null
              : wholeNumber(input.households, 'households', '户数', 0, 1_000_000),
          propertyMode: optionalText(input.propertyMode, 'propertyMode', '物业管理模式', 50),
          establishedOn: dayOf(input.establishedOn, 'establishedOn', '建成日期') ?? null,
          abolishedOn: null,
        });
      },
      (c) => `Compound:${c.id}`,
    ),
  correctCompound: correction<Compound, CorrectCompoundInput>(COMPOUND_RECORD, async ({ ctx, em, row, change }, input) => {
    if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '小区名称', 100));
    if (input.communityCode) {
      const communityCode = regionCodeOf(input.communityCode, 'communityCode');
      if (districtOf(communityCode) !== row.districtCode) throw badInput('不能更正到其他区县 / not into another district', 'communityCode');
      await node(em, communityCode, 'communityCode', ['COMMUNITY']);
      assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
      change.set(row, 'communityCode', communityCode);
      if (input.gridCode === undefined && row.gridCode && !row.gridCode.startsWith(communityCode)) change.set(row, 'gridCode', null);
    }
    if (input.gridCode !== undefined) change.set(row, 'gridCode', await gridOfCommunity(em, input.gridCode, row.communityCode));
    if (input.households !== undefined) {
      change.set(row, 'households', input.households === null ? null : wholeNumber(input.households, 'households', '户数', 0, 1_000_000));
    }
    if (input.propertyMode !== undefined)
      change.set(row, 'propertyMode', optionalText(input.propertyMode, 'propertyMode', '物业管理模式', 50));
    setDays(change, row, input);
  }),
  withdrawCompound: withdrawal(COMPOUND_RECORD),
};

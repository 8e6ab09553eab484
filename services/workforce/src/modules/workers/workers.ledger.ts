import { upsertRows, type ColumnSpec, type Defect, type LedgerImporter, type RowProblem } from '@district/common';
import { existing, mapping, maybe, referenceDefect, text } from '../../ledger-kit';
import { ensurePersons } from '../persons/persons';

export const ROLES = mapping({
  社区党组织书记: 'PARTY_SECRETARY',
  居委会主任: 'COMMITTEE_DIRECTOR',
  两委委员: 'COMMITTEE_MEMBER',
  专职社区工作者: 'COMMUNITY_WORKER',
  专职网格员: 'GRID_WORKER',
} as const);
export const TIERS = mapping({ 头雁: 'LEAD', 骨干: 'BACKBONE', 新生: 'NEWCOMER' } as const);

const FILE = 'workforce/workers.xlsx';

const columns = {
  id: { header: '工号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,20}$/ },
  name: { header: '姓名', type: 'text', required: true, personal: true },
  gender: { header: '性别', type: 'enum', values: ['男', '女'] },
  idNumber: { header: '身份证号', type: 'idNumber', required: true },
  phone: { header: '手机号码', type: 'phone' },
  community: { header: '所属社区代码', type: 'code', required: true, pattern: /^\d{12}$/ },
  role: { header: '岗位', type: 'enum', required: true, values: ROLES.labels },
  grid: { header: '负责网格编码', type: 'code', pattern: /^\d{14}$/ },
  hiredOn: { header: '入职日期', type: 'date', required: true },
  leftOn: { header: '离职日期', type: 'date' },
  politicalStatus: { header: '政治面貌', type: 'text' },
  education: { header: '学历', type: 'text' },
  tier: { header: '培养梯队', type: 'enum', values: TIERS.labels },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

/** A grid worker has a grid of their own community; nobody else has one; nobody leaves before being hired. */
function rowRules(v: Record<Key, unknown>): RowProblem<Key>[] {
  const problems: RowProblem<Key>[] = [];
  const isGridWorker = ROLES.of(v.role) === 'GRID_WORKER';
  if (isGridWorker && !v.grid)
    problems.push({ column: 'grid', kind: 'required', reason: '专职网格员须填负责网格 / a grid worker needs a grid' });
  if (!isGridWorker && v.grid)
    problems.push({ column: 'grid', kind: 'format', reason: '仅专职网格员负责网格 / only a grid worker has a grid' });
  if (v.grid && !text(v.grid).startsWith(text(v.community))) {
    problems.push({ column: 'grid', kind: 'reference', reason: '网格不属于所属社区 / the grid is not in the community' });
  }
  if (v.leftOn && text(v.leftOn) < text(v.hiredOn))
    problems.push({ column: 'leftOn', kind: 'date', reason: '离职日期早于入职日期 / left before hired' });
  return problems;
}

/**
 * workforce/workers.xlsx: the worker, the person behind them (by ID number: the ledger's name and
 * phone are the person's) and the post the ledger describes, from hire to leaving.
 */
export const workersLedger: LedgerImporter<Key> = {
  spec: { file: FILE, sheet: '社区工作者台账', columns, key: ['id'], check: rowRules },
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
        defects.push(referenceDefect(FILE, row, columns.community.header, `社区不存在：${text(value.community)} / no such community`));
      } else if (value.grid && !grids.has(text(value.grid))) {
        defects.push(referenceDefect(FILE, row, columns.grid.header, `网格不存在：${text(value.grid)} / no such grid`));
      }
    }
    return defects;
  },
  async write(batch, ctx) {
    const persons = await ensurePersons(
      ctx.db,
      batch.map(({ value }) => ({ idNumber: text(value.idNumber), name: text(value.name), phone: maybe(value.phone) })),
      true,
    );
    const post = (value: Record<Key, unknown>) => ({
      community_code: text(value.community),
      role: ROLES.of(value.role),
      tier: TIERS.orNull(value.tier),
      grid_code: maybe(value.grid),
    });
    const counts = await upsertRows(
      ctx.db,
      'worker',
      ['id'],
      batch.map(({ value }) => ({
        id: text(value.id),
        person_id: persons.get(text(value.idNumber)),
        gender: maybe(value.gender),
        hired_on: text(value.hiredOn),
        left_on: maybe(value.leftOn),
        political_status: maybe(value.politicalStatus),
        education: maybe(value.education),
        ...post(value),
      })),
    );
    await upsertRows(
      ctx.db,
      'worker_post',
      ['worker_id', 'from_on'],
      batch.map(({ value }) => ({
        worker_id: text(value.id),
        from_on: text(value.hiredOn),
        to_on: maybe(value.leftOn),
        ...post(value),
      })),
    );
    // a corrected hire date leaves the old first post behind: it is no longer part of this worker's history
    await ctx.db.query(`DELETE FROM worker_post p USING worker w WHERE w.id = p.worker_id AND w.id = ANY($1) AND p.from_on < w.hired_on`, [
      batch.map(({ value }) => text(value.id)),
    ]);
    return counts;
  },
};

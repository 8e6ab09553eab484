import { globalId } from '@district/common';
import {
  placesDefects,
  storeRows,
  str,
  strOrNull,
  vocabulary,
  type ColumnSpec,
  type LedgerImporter,
  type RowProblem,
} from '@district/ledger';
import { ensurePersons } from '../persons/persons';

export const ROLES = vocabulary({
  社区党组织书记: 'PARTY_SECRETARY',
  居委会主任: 'COMMITTEE_DIRECTOR',
  两委委员: 'COMMITTEE_MEMBER',
  专职社区工作者: 'COMMUNITY_WORKER',
  专职网格员: 'GRID_WORKER',
} as const);
export const TIERS = vocabulary({ 头雁: 'LEAD', 骨干: 'BACKBONE', 新生: 'NEWCOMER' } as const);

const columns = {
  number: { header: '工号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
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
  if (v.grid && !String(v.grid).startsWith(String(v.community))) {
    problems.push({ column: 'grid', kind: 'reference', reason: '网格不属于所属社区 / the grid is not in the community' });
  }
  if (v.leftOn && String(v.leftOn) < String(v.hiredOn))
    problems.push({ column: 'leftOn', kind: 'date', reason: '离职日期早于入职日期 / left before hired' });
  return problems;
}

const POST_COLUMNS = ['community_code', 'role', 'tier', 'grid_code'] as const;

/**
 * workforce/workers.xlsx: the worker, the person behind them (by ID number: the ledger's name and
 * phone are the person's) and the post the ledger describes, from hire to leaving. A worker the app
 * has moved since keeps the app's posts: the ledger only closes the latest one when it says the
 * worker left.
 */
export const workersLedger: LedgerImporter<Key> = {
  spec: { file: 'workforce/workers.xlsx', sheet: '社区工作者台账', columns, key: ['number'], check: rowRules },
  place: { column: 'community' },
  check: (batch, ctx) =>
    placesDefects(workersLedger.spec, batch, ctx, [
      ['community', 'community'],
      ['grid', 'grid'],
    ]),
  async write(batch, ctx) {
    const persons = await ensurePersons(
      ctx,
      batch.map(({ row, value }) => ({ row, idNumber: str(value.idNumber), name: str(value.name), phone: strOrNull(value.phone) })),
      true,
    );
    const workers = batch.map(({ row, value }) => ({
      row,
      values: {
        id: globalId(ctx.district, str(value.number)),
        district_code: ctx.district,
        staff_number: str(value.number),
        person_id: persons.ids.get(str(value.idNumber)),
        gender: strOrNull(value.gender),
        hired_on: str(value.hiredOn),
        left_on: strOrNull(value.leftOn),
        political_status: strOrNull(value.politicalStatus),
        education: strOrNull(value.education),
        community_code: str(value.community),
        role: ROLES.of(value.role),
        tier: TIERS.orNull(value.tier),
        grid_code: strOrNull(value.grid),
      },
    }));
    const stored = await storeRows(
      ctx,
      {
        table: 'worker',
        key: ['id'],
        region: 'community_code',
        columns: ['person_id', 'gender', 'hired_on', 'left_on', 'political_status', 'education', ...POST_COLUMNS],
      },
      workers,
      { keyLabel: (v) => `工号 ${v.staff_number}`, keyColumn: columns.number.header },
    );
    const written = workers.filter((w) => ['inserted', 'updated'].includes(stored.outcome.get(w.row) ?? ''));
    if (written.length) {
      // a worker with one post (the ledger's) gets it rewritten; one the app moved keeps its posts, the latest closed by a leaving day
      const rows = JSON.stringify(written.map((w) => w.values));
      const v = `jsonb_to_recordset($1::jsonb) AS v(id text, community_code text, role text, tier text, grid_code text, hired_on date, left_on date)`;
      const moved = `(SELECT count(*) FROM worker_post q WHERE q.worker_id = v.id) > 1`;
      await ctx.db.query(`DELETE FROM worker_post p USING ${v} WHERE p.worker_id = v.id AND NOT ${moved}`, [rows]);
      await ctx.db.query(
        `INSERT INTO worker_post (worker_id, community_code, role, tier, grid_code, from_on, to_on)
         SELECT v.id, v.community_code, v.role, v.tier, v.grid_code, v.hired_on, v.left_on FROM ${v}
         WHERE NOT EXISTS (SELECT 1 FROM worker_post q WHERE q.worker_id = v.id)`,
        [rows],
      );
      await ctx.db.query(
        `UPDATE worker_post p SET to_on = v.left_on FROM ${v}
         WHERE p.worker_id = v.id AND v.left_on IS NOT NULL AND p.to_on IS DISTINCT FROM v.left_on
           AND p.from_on = (SELECT max(from_on) FROM worker_post q WHERE q.worker_id = v.id)`,
        [rows],
      );
    }
    return {
      ...stored,
      conflicts: [...(persons.result?.conflicts ?? []), ...stored.conflicts],
      defects: [...(persons.result?.defects ?? []), ...stored.defects],
    };
  },
};

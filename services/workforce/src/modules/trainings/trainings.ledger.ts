import { districtNode, globalId } from '@district/common';
import { HEADCOUNT_AUDIENCES } from './training.entity';
import { districtRegions } from '../certification/certification.ledger';
import { regionOfUnit } from '../certification/work-unit';
import {
  referenceDefect,
  storeRows,
  str,
  strOrNull,
  vocabulary,
  type ColumnSpec,
  type Defect,
  type LedgerImporter,
} from '@district/ledger';

export const TYPES = vocabulary({
  系统培训: 'SYSTEM_TRAINING',
  书记沙龙: 'SECRETARY_SALON',
  实战练兵: 'PRACTICE_DRILL',
  职业认证辅导: 'CERTIFICATION_COACHING',
  技能竞赛: 'SKILLS_CONTEST',
} as const);
export const AUDIENCES = vocabulary({
  社区工作者: 'COMMUNITY_WORKERS',
  网格员: 'GRID_WORKERS',
  '社区工作者、网格员': 'ALL_WORKERS',
  物业服务人员: 'PROPERTY_STAFF',
} as const);
const STATUSES = vocabulary({ 已签到: 'PRESENT', 缺勤: 'ABSENT' } as const);

const trainingColumns = {
  number: { header: '培训编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  name: { header: '培训名称', type: 'text', required: true },
  type: { header: '培训类型', type: 'enum', required: true, values: TYPES.labels },
  // sessions are planned ahead: a future start is a schedule, not a typo
  startOn: { header: '开始日期', type: 'date', required: true, allowFuture: true },
  endOn: { header: '结束日期', type: 'date', allowFuture: true },
  organiser: { header: '主办单位', type: 'text' },
  audience: { header: '培训对象', type: 'enum', required: true, values: AUDIENCES.labels },
  // added in 2026 (菁训营 and other named series): last year's files without it still import
  programme: { header: '培训项目', type: 'text', optionalHeader: true },
  // added in 2026 for sessions whose audience is not workers (物业服务人员): older files without it still import
  participants: { header: '参训人次', type: 'int', min: 0, max: 1_000_000, optionalHeader: true },
} satisfies Record<string, ColumnSpec>;
type TrainingKey = keyof typeof trainingColumns;

/** workforce/trainings.csv: the district's sessions (no region column: they belong to the ledger set's district). */
export const trainingsLedger: LedgerImporter<TrainingKey> = {
  spec: {
    file: 'workforce/trainings.csv',
    columns: trainingColumns,
    key: ['number'],
    check: (v) => [
      ...(v.endOn && str(v.endOn) < str(v.startOn)
        ? [{ column: 'endOn' as const, kind: 'date' as const, reason: '结束日期早于开始日期 / ends before it starts' }]
        : []),
      ...(v.participants !== null && v.participants !== undefined && !HEADCOUNT_AUDIENCES.some((a) => a === AUDIENCES.orNull(v.audience))
        ? [
            {
              column: 'participants' as const,
              kind: 'format' as const,
              reason: '参训人次仅用于物业服务人员等非社工对象，社工人次按签到统计 / a headcount only for audiences who are not workers',
            },
          ]
        : []),
    ],
  },
  async write(batch, ctx) {
    const regions = (await districtRegions(ctx)) ?? [];
    return storeRows(
      ctx,
      {
        table: 'training',
        key: ['id'],
        columns: ['name', 'programme', 'type', 'start_on', 'end_on', 'organiser', 'organiser_code', 'audience', 'participants'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          name: str(value.name),
          programme: strOrNull(value.programme),
          type: TYPES.of(value.type),
          start_on: str(value.startOn),
          end_on: strOrNull(value.endOn),
          organiser: strOrNull(value.organiser),
          organiser_code: regionOfUnit(regions, strOrNull(value.organiser), districtNode(ctx.district)),
          audience: AUDIENCES.of(value.audience),
          participants: value.participants ?? null,
        },
      })),
      { keyLabel: (v) => `培训编号 ${v.number}`, keyColumn: trainingColumns.number.header },
    );
  },
};

const attendanceColumns = {
  training: { header: '培训编号', type: 'code', required: true },
  worker: { header: '工号', type: 'code', required: true },
  status: { header: '签到状态', type: 'enum', required: true, values: STATUSES.labels },
} satisfies Record<string, ColumnSpec>;
type AttendanceKey = keyof typeof attendanceColumns;

/**
 * workforce/training_attendance.csv: who came to which session, both named by the district's own
 * numbers. The attendee's name column is not read: the staff number already names the worker. Rows
 * sit where the worker served when the session began or, for training before the job (58 rows of
 * the 2025 ledger), the first post taken up.
 */
export const trainingAttendanceLedger: LedgerImporter<AttendanceKey> = {
  // the same worker can be on two sign-in sheets of one session, once present and once absent
  spec: { file: 'workforce/training_attendance.csv', columns: attendanceColumns, key: ['training', 'worker', 'status'] },
  async check(batch, ctx) {
    const ids = (key: AttendanceKey) => batch.map((r) => globalId(ctx.district, str(r.value[key])));
    const trainings = new Set(
      (await ctx.db.query('SELECT id FROM training WHERE id = ANY($1)', [ids('training')])).rows.map((r: { id: string }) => r.id),
    );
    const workers = new Set(
      (await ctx.db.query('SELECT id FROM worker WHERE id = ANY($1)', [ids('worker')])).rows.map((r: { id: string }) => r.id),
    );
    const defects: Defect[] = [];
    for (const { row, value } of batch) {
      if (!trainings.has(globalId(ctx.district, str(value.training)))) {
        defects.push(
          referenceDefect(ctx.file, row, attendanceColumns.training.header, `培训不存在：${str(value.training)} / no such training`),
        );
      } else if (!workers.has(globalId(ctx.district, str(value.worker)))) {
        defects.push(referenceDefect(ctx.file, row, attendanceColumns.worker.header, `工号不存在：${str(value.worker)} / no such worker`));
      }
    }
    return defects;
  },
  async write(batch, ctx) {
    const pairs = batch.map(({ value }) => [globalId(ctx.district, str(value.training)), globalId(ctx.district, str(value.worker))]);
    const res = await ctx.db.query(
      `SELECT x.training_id, x.worker_id, COALESCE(
         (SELECT p.community_code FROM worker_post p WHERE p.worker_id = w.id AND (p.to_on IS NULL OR p.to_on > t.start_on)
          ORDER BY p.from_on LIMIT 1),
         w.community_code) AS community_code
       FROM unnest($1::text[], $2::text[]) AS x(training_id, worker_id)
       JOIN training t ON t.id = x.training_id JOIN worker w ON w.id = x.worker_id`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    const where = new Map(
      res.rows.map((r: { training_id: string; worker_id: string; community_code: string }) => [
        `${r.training_id}|${r.worker_id}`,
        r.community_code,
      ]),
    );
    return storeRows(
      ctx,
      { table: 'training_attendance', key: ['training_id', 'worker_id', 'status'], columns: ['community_code'] },
      batch.map(({ row }, i) => ({
        row,
        values: {
          training_id: pairs[i][0],
          worker_id: pairs[i][1],
          status: STATUSES.of(batch[i].value.status),
          community_code: where.get(`${pairs[i][0]}|${pairs[i][1]}`),
        },
      })),
      { keyLabel: (v) => `培训 ${v.training_id} 工号 ${v.worker_id}`, keyColumn: attendanceColumns.training.header },
    );
  },
};

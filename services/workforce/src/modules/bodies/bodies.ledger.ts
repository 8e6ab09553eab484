import { districtOf, globalId, isRegionCode, isWithin, normaliseRegionCode, regionLevel } from '@district/common';
import {
  existingIn,
  listOf,
  referenceDefect,
  storeRows,
  str,
  strOrNull,
  vocabulary,
  type ColumnSpec,
  type Defect,
  type ImportContext,
  type LedgerImporter,
  type LedgerValue,
  type RowProblem,
  type ValidRow,
} from '@district/ledger';
import { communitiesAmong, placesOf } from './bodies.entity';

export const BODY_KINDS = vocabulary({
  联席会议: 'JOINT_CONFERENCE',
  领导小组: 'LEADING_GROUP',
  工作专班: 'TASK_FORCE',
  指导中心: 'GUIDANCE_CENTRE',
  议事厅: 'DELIBERATION_HALL',
  联盟: 'ALLIANCE',
} as const);
export const ROTATIONS = vocabulary({ 固定主持: 'FIXED', 逐次轮值: 'PER_MEETING', 按月轮值: 'MONTHLY', 按季轮值: 'QUARTERLY' } as const);
export const EVENT_KINDS = vocabulary({
  全体会议: 'PLENARY',
  联席会议: 'JOINT_MEETING',
  主题沙龙: 'SALON',
  联合活动: 'JOINT_ACTIVITY',
} as const);

const NUMBER = /^[A-Za-z0-9_-]{1,30}$/;
const REGION = /^\d{12}$/;
const code = (v: LedgerValue | undefined) => (v === null || v === undefined || v === '' ? null : normaliseRegionCode(String(v)));

/**
 * The regions a row names, in its columns (a list cell names several): each must be a region code
 * of the import's district that the tree holds and, for an import confined to a street or community,
 * lie inside it (a joint meeting whose participants lie outside the street is the district's to
 * record). A row gets one defect, for the first region that is wrong.
 */
async function regionDefects<K extends string>(
  ctx: ImportContext,
  batch: ValidRow<K>[],
  columns: Record<K, ColumnSpec>,
  keys: K[],
): Promise<Defect[]> {
  const named = (r: ValidRow<K>) => keys.flatMap((k) => listOf(r.value[k]).map((c) => [k, normaliseRegionCode(c)] as const));
  const known = await ctx.regionTree.regions([...new Set(batch.flatMap((r) => named(r).map(([, c]) => c)).filter(isRegionCode))]);
  const defects: Defect[] = [];
  for (const r of batch) {
    for (const [k, c] of named(r)) {
      const reason = !isRegionCode(c)
        ? `区划代码无效：${c} / not a region code`
        : districtOf(c) !== ctx.district
          ? `${c} 不属于本次导入的区县 ${ctx.district} / not in district ${ctx.district}, which this import is for`
          : !known.has(c)
            ? `区划不存在：${c} / no such region`
            : ctx.region && !isWithin(c, ctx.region)
              ? `${c} 不在本辖区 ${ctx.region} 内 / ${c} lies outside your region ${ctx.region}: you import only rows inside it`
              : null;
      if (reason) {
        defects.push(referenceDefect(ctx.file, r.row, columns[k].header, reason));
        break;
      }
    }
  }
  return defects;
}

/** Rows whose list cell names something other than region codes (the separators are 、 ; ， and line breaks). */
const listProblems = <K extends string>(v: Record<K, unknown>, key: NoInfer<K>, what: string): RowProblem<K>[] =>
  listOf(v[key] as LedgerValue).every((c) => REGION.test(c))
    ? []
    : [{ column: key, kind: 'format', reason: `${what}须为12位区划代码，以“、”分隔 / 12-digit region codes separated by 、` }];

const bodyColumns = {
  number: { header: '机构编号', type: 'code', required: true, pattern: NUMBER },
  region: { header: '设立单位区划代码', type: 'code', required: true, pattern: REGION },
  kind: { header: '机构类型', type: 'enum', required: true, values: BODY_KINDS.labels },
  name: { header: '机构名称', type: 'text', required: true },
  seat: { header: '所在社区代码', type: 'code', pattern: REGION },
  memberRegions: { header: '成员社区', type: 'text' },
  rotation: { header: '轮值方式', type: 'enum', values: ROTATIONS.labels },
  duties: { header: '主要职责', type: 'text' },
  establishedOn: { header: '成立日期', type: 'date', required: true },
  dissolvedOn: { header: '撤销日期', type: 'date' },
} satisfies Record<string, ColumnSpec>;
type BodyKey = keyof typeof bodyColumns;

function bodyRules(v: Record<BodyKey, unknown>): RowProblem<BodyKey>[] {
  const p = listProblems(v, 'memberRegions', '成员社区');
  if (v.dissolvedOn && String(v.dissolvedOn) <= String(v.establishedOn))
    p.push({ column: 'dissolvedOn', kind: 'date', reason: '撤销日期须晚于成立日期 / dissolved after it was established' });
  if (v.seat && regionLevel(String(v.seat)) !== 'COMMUNITY')
    p.push({ column: 'seat', kind: 'format', reason: '所在社区须为社区代码 / the seat is a community' });
  return p;
}

/** workforce/working_bodies.csv: joint conferences, leading groups, guidance centres … and the node that set each up. */
export const workingBodiesLedger: LedgerImporter<BodyKey> = {
  spec: { file: 'workforce/working_bodies.csv', columns: bodyColumns, key: ['number'], check: bodyRules },
  place: { column: 'region' },
  check: (batch, ctx) => regionDefects(ctx, batch, bodyColumns, ['region', 'seat', 'memberRegions']),
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'working_body',
        key: ['id'],
        region: 'region_code',
        columns: [
          'region_code',
          'kind',
          'name',
          'seat_code',
          'member_regions',
          'rotation',
          'duties',
          'established_on',
          'dissolved_on',
          'places',
        ],
      },
      batch.map(({ row, value }) => {
        const members = listOf(value.memberRegions).map(normaliseRegionCode);
        return {
          row,
          values: {
            id: globalId(ctx.district, str(value.number)),
            district_code: ctx.district,
            number: str(value.number),
            region_code: code(value.region),
            kind: BODY_KINDS.of(value.kind),
            name: str(value.name),
            seat_code: code(value.seat),
            member_regions: members,
            rotation: ROTATIONS.orNull(value.rotation) ?? 'FIXED',
            duties: strOrNull(value.duties),
            established_on: str(value.establishedOn),
            dissolved_on: strOrNull(value.dissolvedOn),
            places: placesOf(code(value.region), code(value.seat), members),
          },
        };
      }),
      { keyLabel: (v) => `机构编号 ${v.number}`, keyColumn: bodyColumns.number.header },
    ),
};

const memberColumns = {
  body: { header: '机构编号', type: 'code', required: true, pattern: NUMBER },
  seq: { header: '成员序号', type: 'int', required: true, min: 1, max: 999 },
  region: { header: '设立单位区划代码', type: 'code', required: true, pattern: REGION },
  unitName: { header: '成员单位', type: 'text' },
  worker: { header: '社工工号', type: 'code', pattern: NUMBER },
  role: { header: '职务', type: 'text' },
  duty: { header: '职责', type: 'text' },
  joinedOn: { header: '加入日期', type: 'date', required: true },
  leftOn: { header: '退出日期', type: 'date' },
} satisfies Record<string, ColumnSpec>;
type MemberKey = keyof typeof memberColumns;

function memberRules(v: Record<MemberKey, unknown>): RowProblem<MemberKey>[] {
  const p: RowProblem<MemberKey>[] = [];
  if (!v.unitName && !v.worker)
    p.push({ column: 'unitName', kind: 'required', reason: '须填成员单位或社工工号 / a member unit or a worker' });
  if (v.leftOn && String(v.leftOn) <= String(v.joinedOn))
    p.push({ column: 'leftOn', kind: 'date', reason: '退出日期须晚于加入日期 / leaves after joining' });
  return p;
}

/**
 * workforce/working_body_members.csv: each body's member units and workers with their duties. The
 * row repeats its body's setting-up node, so a street office's file is checked against its street
 * row by row; a node other than the body's is a defect.
 */
export const workingBodyMembersLedger: LedgerImporter<MemberKey> = {
  spec: { file: 'workforce/working_body_members.csv', columns: memberColumns, key: ['body', 'seq'], check: memberRules },
  place: { column: 'region' },
  async check(batch, ctx) {
    const ids = [...new Set(batch.map((r) => globalId(ctx.district, str(r.value.body))))];
    const res = await ctx.db.query(`SELECT id, region_code FROM working_body WHERE id = ANY($1) AND withdrawn_on IS NULL`, [ids]);
    const bodies = new Map(res.rows.map((r: { id: string; region_code: string }) => [r.id, r.region_code]));
    const workers = await existingIn(
      ctx.db,
      'worker',
      'id',
      batch.filter((r) => r.value.worker).map((r) => globalId(ctx.district, str(r.value.worker))),
      'withdrawn_on IS NULL',
    );
    return batch.flatMap((r) => {
      const body = bodies.get(globalId(ctx.district, str(r.value.body)));
      if (!body)
        return [referenceDefect(ctx.file, r.row, memberColumns.body.header, `工作机构不存在：${str(r.value.body)} / no such body`)];
      if (body !== code(r.value.region))
        return [
          referenceDefect(ctx.file, r.row, memberColumns.region.header, `该机构的设立单位是 ${body} / the body was set up by ${body}`),
        ];
      if (r.value.worker && !workers.has(globalId(ctx.district, str(r.value.worker))))
        return [referenceDefect(ctx.file, r.row, memberColumns.worker.header, `社工不存在：${str(r.value.worker)} / no such worker`)];
      return [];
    });
  },
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'working_body_member',
        key: ['id'],
        region: 'region_code',
        columns: ['body_id', 'seq', 'region_code', 'unit_name', 'worker_id', 'role', 'duty', 'joined_on', 'left_on'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: `${globalId(ctx.district, str(value.body))}:${Number(value.seq)}`,
          district_code: ctx.district,
          body_id: globalId(ctx.district, str(value.body)),
          seq: value.seq,
          region_code: code(value.region),
          unit_name: strOrNull(value.unitName),
          worker_id: value.worker ? globalId(ctx.district, str(value.worker)) : null,
          role: strOrNull(value.role),
          duty: strOrNull(value.duty),
          joined_on: str(value.joinedOn),
          left_on: strOrNull(value.leftOn),
        },
      })),
      { keyLabel: (v) => `成员 ${String(v.id)}`, keyColumn: memberColumns.seq.header },
    ),
};

const eventColumns = {
  number: { header: '活动编号', type: 'code', required: true, pattern: NUMBER },
  kind: { header: '活动类型', type: 'enum', required: true, values: EVENT_KINDS.labels },
  body: { header: '工作机构编号', type: 'code', pattern: NUMBER },
  host: { header: '主办单位区划代码', type: 'code', required: true, pattern: REGION },
  participants: { header: '参与单位区划代码', type: 'text', required: true },
  heldOn: { header: '举办日期', type: 'date', required: true },
  title: { header: '名称', type: 'text', required: true },
  topics: { header: '研讨议题', type: 'text' },
  problemsResolved: { header: '联动处置共性难题数', type: 'int', min: 0, max: 10_000 },
  enterprises: { header: '出席企业数', type: 'int', min: 0, max: 10_000 },
  organizations: { header: '出席社会组织数', type: 'int', min: 0, max: 10_000 },
  personTimes: { header: '参与人次', type: 'int', min: 0, max: 1_000_000 },
  costSaved: { header: '节约成本（元）', type: 'int', min: 0, max: 100_000_000 },
} satisfies Record<string, ColumnSpec>;
type EventKey = keyof typeof eventColumns;

/**
 * workforce/joint_events.csv: plenaries, joint meetings, salons and joint activities, one row per
 * event however many communities held it (participants in one cell, separated by 、).
 */
export const jointEventsLedger: LedgerImporter<EventKey> = {
  spec: {
    file: 'workforce/joint_events.csv',
    columns: eventColumns,
    key: ['number'],
    check: (v) => listProblems(v, 'participants', '参与单位'),
  },
  place: { column: 'host' },
  async check(batch, ctx) {
    const defects = await regionDefects(ctx, batch, eventColumns, ['host', 'participants']);
    const bad = new Set(defects.map((d) => d.row));
    const named = batch.filter((r) => !bad.has(r.row) && r.value.body);
    const known = await existingIn(
      ctx.db,
      'working_body',
      'id',
      named.map((r) => globalId(ctx.district, str(r.value.body))),
      'withdrawn_on IS NULL',
    );
    return [
      ...defects,
      ...named
        .filter((r) => !known.has(globalId(ctx.district, str(r.value.body))))
        .map((r) => referenceDefect(ctx.file, r.row, eventColumns.body.header, `工作机构不存在：${str(r.value.body)} / no such body`)),
    ];
  },
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'joint_event',
        key: ['id'],
        region: 'host_code',
        columns: [
          'kind',
          'body_id',
          'host_code',
          'participants',
          'communities',
          'held_on',
          'title',
          'topics',
          'problems_resolved',
          'enterprises',
          'organizations',
          'person_times',
          'cost_saved',
          'places',
        ],
      },
      batch.map(({ row, value }) => {
        const participants = listOf(value.participants).map(normaliseRegionCode);
        return {
          row,
          values: {
            id: globalId(ctx.district, str(value.number)),
            district_code: ctx.district,
            number: str(value.number),
            kind: EVENT_KINDS.of(value.kind),
            body_id: value.body ? globalId(ctx.district, str(value.body)) : null,
            host_code: code(value.host),
            participants,
            communities: communitiesAmong(participants),
            held_on: str(value.heldOn),
            title: str(value.title),
            topics: listOf(value.topics),
            problems_resolved: value.problemsResolved ?? 0,
            enterprises: value.enterprises ?? 0,
            organizations: value.organizations ?? 0,
            person_times: value.personTimes ?? 0,
            cost_saved: value.costSaved ?? 0,
            places: placesOf(code(value.host), participants),
          },
        };
      }),
      { keyLabel: (v) => `活动编号 ${v.number}`, keyColumn: eventColumns.number.header },
    ),
};

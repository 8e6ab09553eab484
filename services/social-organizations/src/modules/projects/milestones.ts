import { badInput, globalId } from '@district/common';
import {
  placeThrough,
  referenceDefect,
  storeRows,
  str,
  strOrNull,
  vocabulary,
  type ColumnSpec,
  type LedgerImporter,
} from '@district/ledger';
import {
  audited,
  correction,
  defineFigure,
  defineRecord,
  distinct,
  eq,
  eventDay,
  flow,
  historyField,
  notFuture,
  optionalText,
  recordToChange,
  rowsBy,
  wholeNumber,
  withdrawal,
  yearOnYear,
  newRecordKey,
} from '@district/subgraph-kit';
import type { CorrectProjectMilestoneInput, MutationResolvers, ProjectMilestoneKind, Resolvers } from '../../generated/graphql';
import { ProjectMilestone } from './milestone.entity';
import { PROJECT_RECORD } from './projects.mutations';
import { projectById } from './projects.resolvers';

/** The milestones of service projects: ledger, daily work, figures (one module file: the kind is small). */
export const MILESTONE_KINDS = vocabulary({
  申报: 'APPLIED',
  立项评审: 'APPROVAL_REVIEW',
  中期评估: 'MID_TERM',
  督导检查: 'SUPERVISION',
  结项评估: 'COMPLETION_REVIEW',
} as const);

const columns = {
  number: { header: '节点编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  project: { header: '项目编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  kind: { header: '节点类型', type: 'enum', required: true, values: MILESTONE_KINDS.labels },
  heldOn: { header: '日期', type: 'date', required: true },
  supervisors: { header: '督导人数', type: 'int', min: 0, max: 100 },
  note: { header: '说明', type: 'text' },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

/** social/project_milestones.csv: application, reviews, mid-term evaluations, supervision visits of projects. */
export const milestonesLedger: LedgerImporter<Key> = {
  spec: { file: 'social/project_milestones.csv', columns, key: ['number'] },
  place: { column: 'project', lookup: placeThrough('service_project', 'project') },
  async check(batch, ctx) {
    const res = await ctx.db.query(`SELECT id FROM service_project WHERE id = ANY($1) AND withdrawn_on IS NULL`, [
      batch.map((r) => globalId(ctx.district, str(r.value.project))),
    ]);
    const known = new Set(res.rows.map((r: { id: string }) => r.id));
    return batch
      .filter((r) => !known.has(globalId(ctx.district, str(r.value.project))))
      .map((r) => referenceDefect(ctx.file, r.row, columns.project.header, `项目不存在：${str(r.value.project)} / no such project`));
  },
  async write(batch, ctx) {
    const res = await ctx.db.query(`SELECT id, community_code FROM service_project WHERE id = ANY($1)`, [
      batch.map((r) => globalId(ctx.district, str(r.value.project))),
    ]);
    const places = new Map(res.rows.map((r: { id: string; community_code: string }) => [r.id, r.community_code]));
    return storeRows(
      ctx,
      {
        table: 'project_milestone',
        key: ['id'],
        region: 'community_code',
        columns: ['project_id', 'community_code', 'kind', 'held_on', 'supervisors', 'note'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          project_id: globalId(ctx.district, str(value.project)),
          community_code: places.get(globalId(ctx.district, str(value.project))),
          kind: MILESTONE_KINDS.of(value.kind),
          held_on: str(value.heldOn),
          supervisors: value.supervisors,
          note: strOrNull(value.note),
        },
      })),
      { keyLabel: (v) => `节点编号 ${v.number}`, keyColumn: columns.number.header },
    );
  },
};

export const MILESTONE_RECORD = defineRecord<ProjectMilestone>({
  type: 'ProjectMilestone',
  entity: ProjectMilestone,
  label: ['项目节点', 'project milestone'],
  owner: 'social-organizations',
  placeOf: (m) => m.communityCode,
  idOf: (m) => m.id,
});

const supervisorsOf = (v: number | null | undefined) =>
  v === undefined || v === null ? v : wholeNumber(v, 'supervisors', '督导人数', 0, 100);

export const milestoneMutations: MutationResolvers = {
  recordProjectMilestone: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordProjectMilestone',
      input,
      async (em) => {
        const project = await recordToChange(ctx, em, PROJECT_RECORD, input.projectCode, 'projectCode');
        const heldOn = eventDay(input.heldOn, 'heldOn', '日期');
        if (input.kind !== 'APPLIED' && heldOn < project.approvedOn && input.kind !== 'APPROVAL_REVIEW')
          throw badInput('该节点早于立项日期 / before the project was approved', 'heldOn');
        const district = project.districtCode;
        const { id, number } = await newRecordKey(em, ProjectMilestone, {
          given: input.id,
          label: '节点编号',
          table: 'project_milestone',
          district,
          prefix: `JD${heldOn.slice(0, 4)}`,
          width: 4,
        });
        return em.create(ProjectMilestone, {
          id,
          districtCode: district,
          number,
          projectId: project.id,
          communityCode: project.communityCode,
          kind: input.kind,
          heldOn,
          supervisors: supervisorsOf(input.supervisors) ?? null,
          note: optionalText(input.note, 'note', '说明', 500),
        });
      },
      (m) => `ProjectMilestone:${m.id}`,
    ),
  correctProjectMilestone: correction<ProjectMilestone, CorrectProjectMilestoneInput>(MILESTONE_RECORD, ({ row, change }, input) => {
    if (input.kind) change.set(row, 'kind', input.kind);
    if (input.heldOn) change.set(row, 'heldOn', notFuture(input.heldOn, 'heldOn', '日期'));
    if (input.supervisors !== undefined) change.set(row, 'supervisors', supervisorsOf(input.supervisors));
    if (input.note !== undefined) change.set(row, 'note', optionalText(input.note, 'note', '说明', 500));
  }),
  withdrawProjectMilestone: withdrawal(MILESTONE_RECORD),
};

type Args = { kind?: ProjectMilestoneKind | null };
const source = { name: 'project-milestone', from: 'project_milestone m', place: 'm.community_code' };
/** Milestones in the period, by kind. */
export const milestonesHeld = defineFigure<Args>({
  name: 'milestones.held',
  source,
  period: flow('m.held_on'),
  where: (a) => eq('m.kind', a.kind),
});
/** Distinct projects with a milestone of the kind (supervision by default) in the period. */
export const projectsWithMilestone = defineFigure<Args>({
  name: 'milestones.projects',
  source,
  period: flow('m.held_on'),
  aggregate: distinct('m.project_id'),
  where: (a) => eq('m.kind', a.kind ?? 'SUPERVISION'),
});

export const milestoneResolvers: Resolvers = {
  SocialServiceProject: {
    milestones: (p, _, ctx) =>
      rowsBy<ProjectMilestone>(ctx, ProjectMilestone, 'projectId', { orderBy: { heldOn: 'asc', id: 'asc' } }).load(p.id),
  },
  ProjectMilestone: {
    project: async (m, _, ctx) => (await projectById(ctx, m.projectId))!,
    history: historyField(MILESTONE_RECORD),
  },
  SocialOrganizationFigures: {
    projectMilestones: (n, a, ctx) => yearOnYear(ctx, milestonesHeld, a, n.code),
    projectsWithMilestone: (n, a, ctx) => yearOnYear(ctx, projectsWithMilestone, a, n.code),
  },
};

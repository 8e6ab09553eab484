import { and, defineFigure, distinct, eq, flow, inList, sum } from '@district/subgraph-kit';
import type { ProjectCategoryKind, ProjectFundingSource, SocialProjectMode } from '../../generated/graphql';

type Args = { mode?: SocialProjectMode | null; categoryKind?: ProjectCategoryKind | null; sources?: ProjectFundingSource[] | null };

/** Projects sit in the community they serve; a year's figures count those approved (立项) in it. */
const PROJECTS = { name: 'service-project', from: 'service_project p', place: 'p.community_code' };
const byMode = (a: Args) =>
  and(eq('p.mode', a.mode), eq('p.category_kind', a.categoryKind), a.sources?.length ? inList('p.funding_source', a.sources) : undefined);

/** Projects applied for (申报) in the period, whether approved yet or not. */
export const serviceProjectsApplied = defineFigure<Args>({
  name: 'projects.applied',
  source: PROJECTS,
  period: flow('p.applied_on'),
  where: byMode,
});

/** Projects approved in the period. */
export const serviceProjects = defineFigure<Args>({
  name: 'projects.approved',
  source: PROJECTS,
  period: flow('p.approved_on'),
  where: byMode,
});

/** Distinct communities with a project approved in the period. */
export const serviceProjectCommunities = defineFigure<Args>({
  name: 'projects.communities',
  source: PROJECTS,
  period: flow('p.approved_on'),
  aggregate: distinct('p.community_code'),
  where: byMode,
});

/** Funding (yuan) of the projects approved in the period. */
export const serviceProjectFunding = defineFigure<Args>({
  name: 'projects.funding',
  source: PROJECTS,
  period: flow('p.approved_on'),
  aggregate: sum('p.funding'),
  where: byMode,
});

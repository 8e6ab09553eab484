import {
  and,
  byKey,
  eq,
  historyField,
  listPrefix,
  listUnder,
  rateYearOnYear,
  recordId,
  regionNode,
  rowsBy,
  sql,
  visible,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { CommunityFacilityFilter, FacilityWorkFilter, Resolvers } from '../../generated/graphql';
import { regionByCode } from '../regions/regions.resolvers';
import { roomList } from '../shared/governance';
import { Facility, FacilityWork } from './facility.entity';
import { FACILITY_RECORD, FACILITY_WORK_RECORD } from './facilities.mutations';
import {
  facilitiesInUse,
  facilityArea,
  starRatedFacilities,
  worksAccepted,
  worksCompleted,
  worksFunding,
  worksStarted,
} from './facilities.figures';

const FACILITIES: ListSpec<Facility> = {
  entity: Facility,
  table: 'facility',
  place: 'community_code',
  sortColumns: { ID: 't.number', STAR_LEVEL: 't.star_level', AREA: 't.area', OPENED_ON: 't.opened_on' },
  defaultOrder: 't.id',
};

const WORKS: ListSpec<FacilityWork> = {
  entity: FacilityWork,
  table: 'facility_work',
  place: 'community_code',
  sortColumns: { ID: 't.number', STARTED_ON: 't.started_on', COMPLETED_ON: 't.completed_on', ACCEPTED_ON: 't.accepted_on' },
  defaultOrder: 't.id',
};

/** Facilities under a node; "in use on a day" is the rule the figure `facilities(asOf)` counts by. */
function facilityList(ctx: RequestContext, prefix: string, args: ListArgs<CommunityFacilityFilter>) {
  const f = args.filter ?? {};
  const day = f.inUseOn;
  return listUnder(
    ctx,
    FACILITIES,
    prefix,
    and(
      eq('t.kind', f.kind),
      f.minStar ? sql`t.star_level >= ${f.minStar}` : undefined,
      day ? sql`(t.opened_on IS NULL OR t.opened_on <= ${day}::date) AND (t.closed_on IS NULL OR t.closed_on > ${day}::date)` : undefined,
    ),
    args,
  );
}

/** Works under a node; the completed and accepted windows are the ones the flow figures count. */
function workList(ctx: RequestContext, prefix: string, args: ListArgs<FacilityWorkFilter>) {
  const f = args.filter ?? {};
  return listUnder(
    ctx,
    WORKS,
    prefix,
    and(
      eq('t.kind', f.kind),
      eq('t.status', f.status),
      f.facilityKind ? sql`EXISTS (SELECT 1 FROM facility x WHERE x.id = t.facility_id AND x.kind = ${f.facilityKind})` : undefined,
      f.completedFrom ? sql`t.completed_on >= ${f.completedFrom}::date` : undefined,
      f.completedTo ? sql`t.completed_on <= ${f.completedTo}::date` : undefined,
      f.acceptedFrom ? sql`t.accepted_on >= ${f.acceptedFrom}::date` : undefined,
      f.acceptedTo ? sql`t.accepted_on <= ${f.acceptedTo}::date` : undefined,
    ),
    args,
  );
}

const facilityById = (ctx: RequestContext, id: string) => byKey<Facility>(ctx, Facility, 'id').load(id);

export const facilityResolvers: Resolvers = {
  Query: {
    communityFacility: async (_, { id }, ctx) => visible(ctx, await facilityById(ctx, await recordId(ctx, id)), (f) => f.communityCode),
    communityFacilities: (_, args, ctx) => facilityList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
    facilityWorks: (_, args, ctx) => workList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    governance: (r, _, ctx) => regionNode(ctx, r.code),
    communityFacilities: (r, args, ctx) => facilityList(ctx, listPrefix(ctx, r.code), args),
    facilityWorks: (r, args, ctx) => workList(ctx, listPrefix(ctx, r.code), args),
  },
  CommunityFacility: {
    community: async (f, _, ctx) => (await regionByCode(ctx, f.communityCode))!,
    area: (f) => (f.area === null || f.area === undefined ? null : Number(f.area)),
    rooms: (f) => roomList(f.rooms),
    works: (f, _, ctx) => rowsBy<FacilityWork>(ctx, FacilityWork, 'facilityId', { orderBy: { startedOn: 'asc', id: 'asc' } }).load(f.id),
    history: historyField(FACILITY_RECORD),
  },
  FacilityWork: {
    facility: async (w, _, ctx) => (await facilityById(ctx, w.facilityId))!,
    community: async (w, _, ctx) => (await regionByCode(ctx, w.communityCode))!,
    rooms: (w) => roomList(w.rooms),
    funding: (w) => (w.funding === null || w.funding === undefined ? null : Number(w.funding)),
    history: historyField(FACILITY_WORK_RECORD),
  },
  GovernanceFigures: {
    facilities: (n, a, ctx) => yearOnYear(ctx, facilitiesInUse, a, n.code),
    starRatedFacilities: (n, a, ctx) => yearOnYear(ctx, starRatedFacilities, a, n.code),
    facilityStarRate: (n, a, ctx) => rateYearOnYear(ctx, starRatedFacilities, facilitiesInUse, a, n.code),
    facilityArea: (n, a, ctx) => yearOnYear(ctx, facilityArea, a, n.code),
    facilityWorksStarted: (n, a, ctx) => yearOnYear(ctx, worksStarted, a, n.code),
    facilityWorksCompleted: (n, a, ctx) => yearOnYear(ctx, worksCompleted, a, n.code),
    facilityWorksAccepted: (n, a, ctx) => yearOnYear(ctx, worksAccepted, a, n.code),
    facilityWorkFunding: (n, a, ctx) => yearOnYear(ctx, worksFunding, a, n.code),
  },
};

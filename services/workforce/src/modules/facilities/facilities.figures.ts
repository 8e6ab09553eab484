import { and, defineFigure, during, eq, flow, inList, sql, stock, sum } from '@district/subgraph-kit';
import type { FacilityKind, FacilityWorkKind, FundingSource } from './facility.entity';

type FacilityArgs = { kind?: FacilityKind | null; minStar?: number | null };
type WorkArgs = { kind?: FacilityWorkKind | null; facilityKind?: FacilityKind | null; sources?: FundingSource[] | null };

const facilities = { name: 'facility', from: 'facility f', place: 'f.community_code' };
const works = { name: 'facility-work', from: 'facility_work w JOIN facility f ON f.id = w.facility_id', place: 'w.community_code' };

/** A facility counts on a day from its opening (none: before the ledgers began) up to the day it closed. */
const inUse = stock({ since: 'f.opened_on', until: 'f.closed_on' });
const ofKind = (a: FacilityArgs) => eq('f.kind', a.kind);
/** Facilities in use on the day, by kind. */
export const facilitiesInUse = defineFigure<FacilityArgs>({
  name: 'facilities.inUse',
  source: facilities,
  period: inUse,
  where: ofKind,
});

/** Each rating with the days it held: the current one from its day on, each replaced one up to its replacement. */
const ratings = {
  name: 'facility-rating',
  from: `(SELECT id AS facility_id, star_level, star_rated_on AS rated_on, NULL::date AS replaced_on FROM facility WHERE star_rated_on IS NOT NULL
      UNION ALL SELECT facility_id, star_level, rated_on, replaced_on FROM facility_earlier_rating) r
    JOIN facility f ON f.id = r.facility_id`,
  place: 'f.community_code',
};
const ratingHeld = stock({ since: 'r.rated_on', until: 'r.replaced_on', sinceRequired: true });

/** Facilities in use whose rating on the day (the latest on or before it) is at least `minStar` (default 1) stars. */
export const starRatedFacilities = defineFigure<FacilityArgs>({
  name: 'facilities.starRated',
  source: ratings,
  period: during((p) => and(inUse(p), ratingHeld(p))),
  where: (a) => and(ofKind(a), sql`r.star_level >= ${a.minStar ?? 1}`),
});

/** Floor area (m²) of the facilities in use. */
export const facilityArea = defineFigure<FacilityArgs>({
  name: 'facilities.area',
  source: facilities,
  period: inUse,
  aggregate: sum('f.area'),
  where: ofKind,
});

const workWhere = (a: WorkArgs) =>
  and(eq('w.kind', a.kind), eq('f.kind', a.facilityKind), a.sources?.length ? inList('w.funding_source', a.sources) : undefined);

/** Works started in the period. */
export const worksStarted = defineFigure<WorkArgs>({
  name: 'facilityWorks.started',
  source: works,
  period: flow('w.started_on'),
  where: workWhere,
});
/** Works completed in the period, whenever started. */
export const worksCompleted = defineFigure<WorkArgs>({
  name: 'facilityWorks.completed',
  source: works,
  period: flow('w.completed_on'),
  where: workWhere,
});
/** Works accepted in the period. */
export const worksAccepted = defineFigure<WorkArgs>({
  name: 'facilityWorks.accepted',
  source: works,
  period: flow('w.accepted_on'),
  where: workWhere,
});
/** Funding (yuan) of the works started in the period, by source. */
export const worksFunding = defineFigure<WorkArgs>({
  name: 'facilityWorks.funding',
  source: works,
  period: flow('w.started_on'),
  aggregate: sum('coalesce(w.funding, 0)'),
  where: workWhere,
});

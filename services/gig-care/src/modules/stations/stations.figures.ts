import { defineFigure, eq, flow, stock } from '@district/subgraph-kit';
import type { StationKind } from './station.entity';

type Args = { kind?: StationKind | null };
const stations = { name: 'gig-station', from: 'gig_station t', place: 't.community_code' };
const ofKind = (a: Args) => eq('t.kind', a.kind);

/** Stations and scenes existing on the stock day: built by then, or undated (there before the ledger began). */
export const stationsExisting = defineFigure<Args>({
  name: 'stations.existing',
  source: stations,
  period: stock({ since: 't.built_on' }),
  where: ofKind,
});

/** Stations and scenes built or brought up to standard in the period (建成或规范提升日期). */
export const stationsBuilt = defineFigure<Args>({
  name: 'stations.built',
  source: stations,
  period: flow('t.built_on'),
  where: ofKind,
});

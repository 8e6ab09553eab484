import { and, defineFigure, during, raw, stock } from '@district/subgraph-kit';
import { allSixSql } from './station.entity';

const stations = { name: 'station', from: 'station s', place: 's.community_code' };

/** A station exists from the day it was built (undated: before the ledgers began). */
const built = stock({ since: 's.built_on' });
/** A station the app standardised counts from that day; one the ledger listed standard, from when it was built. */
const standardizedBy = stock({ since: 's.standardized_on' });

/** Stations built by the day. */
export const stationsBuilt = defineFigure({
  name: 'stations.built',
  source: stations,
  period: built,
});

/** Standardised stations (“六有”: all six items present) on the day. */
export const stationsStandardized = defineFigure({
  name: 'stations.standardized',
  source: stations,
  period: during((p) => and(built(p), standardizedBy(p), raw(allSixSql('s')))),
});

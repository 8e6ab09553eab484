import { and, defineFigure, during, raw, sql, stock, type Sql } from '@district/subgraph-kit';
import { allSixSql, ITEM_COLUMN, type StandardItem } from './station.entity';

const stations = { name: 'station', from: 'station s', place: 's.community_code' };

/** A station exists from the day it was built (undated: before the ledgers began). */
const built = stock({ since: 's.built_on' });

/**
 * Stations (alias `alias`) whose 六有 items, as they stood on `day` (station_standard), meet
 * `condition` over the standard row `ss`: all six, or an item missing.
 */
export const standardOn = (alias: string, day: string, condition: Sql): Sql =>
  sql`EXISTS (SELECT 1 FROM station_standard ss WHERE ss.station_id = ${raw(alias)}.id AND ss.withdrawn_on IS NULL
    AND (ss.valid_from IS NULL OR ss.valid_from <= ${day}::date) AND (ss.valid_to IS NULL OR ss.valid_to > ${day}::date) AND ${condition})`;

export const allSix = (): Sql => raw(allSixSql('ss'));
export const missing = (item: StandardItem): Sql => raw(`NOT ss.${ITEM_COLUMN[item]}`);

/** Stations built by the day. */
export const stationsBuilt = defineFigure({
  name: 'stations.built',
  source: stations,
  period: built,
});

/** Standardised stations (“六有”: all six items present) on the day, as their items stood that day. */
export const stationsStandardized = defineFigure({
  name: 'stations.standardized',
  source: stations,
  period: during((p) => and(built(p), standardOn('s', p.asOf, allSix()))),
});

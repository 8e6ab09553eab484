import type { EntityManager } from '@mikro-orm/postgresql';
import type { Queryable } from '@district/common';
import { ITEM_COLUMN, ITEM_FLAG, STANDARD_ITEMS, type Station, StationStandard, type StandardItem } from './station.entity';

/**
 * A station's 六有 history follows the station's row. In the app a change closes the row valid until
 * then and opens one from the day of the change (`changeStandard`); an import makes a station the
 * ledger alone describes hold one row, from the day it was built, with the ledger's flags, and closes
 * a station's history at the import's day when the ledger changes what the app had recorded.
 */
export async function changeStandard(em: EntityManager, station: Station, on: string): Promise<void> {
  const current = await em.findOne(StationStandard, { stationId: station.id, validTo: null }, { orderBy: { validFrom: 'desc' } });
  const flags = Object.fromEntries(STANDARD_ITEMS.map((i) => [ITEM_FLAG[i], station[ITEM_FLAG[i]]])) as Record<
    (typeof ITEM_FLAG)[StandardItem],
    boolean
  >;
  if (current && (current.validFrom ?? '') === on) {
    Object.assign(current, flags);
    return;
  }
  if (current) current.validTo = on;
  em.create(StationStandard, { stationId: station.id, validFrom: on, validTo: null, ...flags });
}

const columns = STANDARD_ITEMS.map((i) => ITEM_COLUMN[i]);
const differs = (a: string, b: string) => columns.map((c) => `${a}.${c} IS DISTINCT FROM ${b}.${c}`).join(' OR ');

export async function followStandards(db: Queryable, stationIds: readonly string[], today: string): Promise<void> {
  if (!stationIds.length) return;
  const ids = JSON.stringify([...new Set(stationIds)]);
  const list = `(SELECT jsonb_array_elements_text($1::jsonb))`;
  const live = `withdrawn_on IS NULL`;
  const rows = `(SELECT count(*) FROM station_standard q WHERE q.station_id = s.id AND q.${live})`;
  // the ledger's own station: one row, from the day built
  await db.query(`DELETE FROM station_standard d USING station s WHERE d.station_id = s.id AND s.id IN ${list} AND ${rows} <= 1`, [ids]);
  await db.query(
    `INSERT INTO station_standard (station_id, valid_from, ${columns.join(', ')})
     SELECT s.id, s.built_on, ${columns.map((c) => `s.${c}`).join(', ')} FROM station s
     WHERE s.id IN ${list} AND s.${live} AND NOT EXISTS (SELECT 1 FROM station_standard q WHERE q.station_id = s.id AND q.${live})`,
    [ids],
  );
  // a station with a history the app kept: the ledger's change counts from the import
  const open = `station_standard o JOIN station s ON s.id = o.station_id AND s.id IN ${list} AND s.${live}`;
  await db.query(
    `INSERT INTO station_standard (station_id, valid_from, ${columns.join(', ')})
     SELECT s.id, $2::date, ${columns.map((c) => `s.${c}`).join(', ')} FROM ${open}
     WHERE o.valid_to IS NULL AND o.${live} AND (${differs('o', 's')}) AND (o.valid_from IS NULL OR o.valid_from < $2::date)`,
    [ids, today],
  );
  await db.query(
    `UPDATE station_standard o SET valid_to = $2::date FROM station s
     WHERE s.id = o.station_id AND s.id IN ${list} AND o.valid_to IS NULL AND o.${live} AND (o.valid_from IS NULL OR o.valid_from < $2::date)
       AND EXISTS (SELECT 1 FROM station_standard n WHERE n.station_id = o.station_id AND n.valid_from = $2::date AND n.${live})`,
    [ids, today],
  );
}

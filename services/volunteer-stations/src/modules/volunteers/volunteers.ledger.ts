import { globalId } from '@district/common';
import {
  existingIn,
  mayName,
  personIdsOf,
  storeRows,
  str,
  strOrNull,
  unknownReferences,
  valuesOf,
  type ColumnSpec,
  type Defect,
  type ImportContext,
  type LedgerImporter,
  type LedgerValue,
  type ValidRow,
} from '@district/ledger';
import { LEDGER_NUMBER, stationCommunities } from '../stations/stations.ledger';
import { VOLUNTEER_PERSON_IDS } from './volunteer.entity';
import { followStints } from './stints';

const columns = {
  number: { header: '志愿者编号', type: 'code', required: true, pattern: LEDGER_NUMBER },
  name: { header: '姓名', type: 'text', required: true, personal: true },
  idNumber: { header: '身份证号', type: 'idNumber', required: true },
  phone: { header: '手机号码', type: 'phone' },
  registeredOn: { header: '注册日期', type: 'date', required: true },
  station: { header: '所属站点编号', type: 'code', required: true },
  politicalStatus: { header: '政治面貌', type: 'text' },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

/**
 * One person registers once in a district: an ID number the district already holds under another
 * volunteer number (earlier in the file or in the database) is a duplicate. Reasons name the
 * volunteer numbers, never the ID number.
 */
async function sameIdNumber(batch: ValidRow<Key>[], ctx: ImportContext): Promise<Defect[]> {
  const res = await ctx.db.query(
    'SELECT id_number, number, community_code FROM volunteer WHERE district_code = $1 AND id_number = ANY($2)',
    [ctx.district, valuesOf(batch, 'idNumber')],
  );
  const held = new Map<string, string>(res.rows.map((r: { id_number: string; number: string }) => [r.id_number, r.number]));
  // a volunteer the importing office may not see is not named
  const unnamed = new Set<string>(
    res.rows.filter((r: { community_code: string }) => !mayName(ctx, r.community_code)).map((r: { number: string }) => r.number),
  );
  const defects: Defect[] = [];
  for (const { row, value } of batch) {
    const holder = held.get(str(value.idNumber));
    if (holder && holder !== value.number) {
      defects.push({
        file: ctx.file,
        row,
        column: columns.idNumber.header,
        kind: 'duplicate',
        reason: unnamed.has(holder)
          ? '此身份证号已在本区县注册为志愿者 / this ID number is already a volunteer in this district'
          : `此身份证号已注册为志愿者 ${holder} / this ID number is already volunteer ${holder}`,
      });
    } else held.set(str(value.idNumber), str(value.number));
  }
  return defects;
}

/** volunteer/volunteers.csv: registered volunteers, each of a station of the import's district (named by its number there). */
export const volunteersLedger: LedgerImporter<Key> = {
  spec: { file: 'volunteer/volunteers.csv', columns, key: ['number'] },
  async check(batch, ctx) {
    const station = (n: string) => globalId(ctx.district, n);
    const stations = await existingIn(ctx.db, 'station', 'id', valuesOf(batch, 'station', station));
    return [
      ...unknownReferences(volunteersLedger.spec, batch, 'station', stations, ['站点', 'station'], station),
      ...(await sameIdNumber(batch, ctx)),
    ];
  },
  async write(batch, ctx) {
    const stationOf = (v: Record<Key, LedgerValue>) => globalId(ctx.district, str(v.station));
    const communities = await stationCommunities(
      ctx.db,
      batch.map((r) => stationOf(r.value)),
    );
    const written = batch.map(({ row, value }) => ({
      row,
      values: {
        id: globalId(ctx.district, str(value.number)),
        district_code: ctx.district,
        number: str(value.number),
        name: str(value.name),
        id_number: str(value.idNumber),
        phone: strOrNull(value.phone),
        registered_on: str(value.registeredOn),
        station_id: stationOf(value),
        community_code: communities.get(stationOf(value)),
        political_status: strOrNull(value.politicalStatus),
      },
    }));
    const stored = await storeRows(
      ctx,
      {
        table: 'volunteer',
        key: ['id'],
        columns: ['name', 'id_number', 'phone', 'registered_on', 'station_id', 'community_code', 'political_status'],
        personal: ['name', 'id_number', 'phone'],
      },
      written,
      { keyLabel: (v) => `志愿者编号 ${v.number}`, keyColumn: columns.number.header },
    );
    await personIdsOf(
      ctx,
      VOLUNTEER_PERSON_IDS,
      batch.map((r) => str(r.value.idNumber)),
    );
    const touched = written.filter((w) => ['inserted', 'updated', 'conflict'].includes(stored.outcome.get(w.row) ?? ''));
    const outOfOrder = await followStints(ctx, touched, columns.registeredOn.header);
    return { ...stored, defects: [...stored.defects, ...outOfOrder] };
  },
};

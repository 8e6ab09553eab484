import { upsertRows, type Defect, type LedgerImporter, type LedgerSpec, type Queryable, type ValidRow } from '@district/common';
import { missingReferences, ownRows, text, valuesOf } from '../../lib/ledger-checks';

type Column = 'number' | 'name' | 'idNumber' | 'phone' | 'registeredOn' | 'station' | 'politicalStatus';
const spec: LedgerSpec<Column> = {
  file: 'volunteer/volunteers.csv',
  columns: {
    number: { header: '志愿者编号', type: 'code', required: true },
    name: { header: '姓名', type: 'text', required: true, personal: true },
    idNumber: { header: '身份证号', type: 'idNumber', required: true },
    phone: { header: '手机号码', type: 'phone' },
    registeredOn: { header: '注册日期', type: 'date', required: true },
    station: { header: '所属站点编号', type: 'code', required: true },
    politicalStatus: { header: '政治面貌', type: 'text' },
  },
  key: ['number'],
};

/**
 * One person registers once: an ID number already held by another volunteer number (earlier in the
 * file or in the database) is a duplicate. Reasons name the volunteer numbers, never the ID number.
 */
async function sameIdNumber(batch: ValidRow<Column>[], db: Queryable): Promise<Defect[]> {
  const ids = valuesOf(batch, 'idNumber');
  const held = new Map<string, string>(
    (await db.query('SELECT id_number, code FROM volunteer WHERE id_number = ANY($1)', [ids])).rows.map((r) => [
      r.id_number as string,
      r.code as string,
    ]),
  );
  const defects: Defect[] = [];
  for (const r of batch) {
    const id = text(r.value.idNumber)!;
    const holder = held.get(id);
    if (holder && holder !== r.value.number) {
      defects.push({
        file: spec.file,
        row: r.row,
        column: spec.columns.idNumber.header,
        kind: 'duplicate',
        reason: `此身份证号已注册为志愿者 ${holder} / this ID number is already volunteer ${holder}`,
      });
    } else held.set(id, text(r.value.number)!);
  }
  return defects;
}

export const volunteerLedger: LedgerImporter<Column> = {
  spec,
  async check(batch, ctx) {
    const stations = await ownRows(ctx.db, 'station', 'community_code', valuesOf(batch, 'station'));
    return [
      ...missingReferences(spec, batch, 'station', new Set(stations.keys()), ['站点', 'station']),
      ...(await sameIdNumber(batch, ctx.db)),
    ];
  },
  async write(batch, ctx) {
    const stations = await ownRows<{ code: string; community_code: string }>(
      ctx.db,
      'station',
      'community_code',
      valuesOf(batch, 'station'),
    );
    return upsertRows(
      ctx.db,
      'volunteer',
      ['code'],
      batch.map(({ value: v }) => ({
        code: v.number,
        name: v.name,
        id_number: v.idNumber,
        phone: v.phone,
        registered_on: v.registeredOn,
        station_code: v.station,
        community_code: stations.get(text(v.station)!)!.community_code,
        political_status: v.politicalStatus,
      })),
    );
  },
};

import { globalId } from '@district/common';
import {
  existingIn,
  numOrNull,
  storeRows,
  str,
  unknownReferences,
  valuesOf,
  vocabulary,
  type ColumnSpec,
  type LedgerImporter,
} from '@district/ledger';
import { LEDGER_NUMBER, stationCommunities } from '../stations/stations.ledger';
import { MAX_HOURS } from './activity.entity';
import { categoryKindOf } from './categories';

/** 一老、一小、一新 (the elderly, children, new employment groups) and everyone else. */
export const TARGET_GROUPS = vocabulary({ 一老: 'ELDERLY', 一小: 'CHILDREN', 一新: 'NEW_GROUPS', 其他: 'OTHER' } as const);

const activityColumns = {
  number: { header: '活动编号', type: 'code', required: true, pattern: LEDGER_NUMBER },
  name: { header: '活动名称', type: 'text', required: true },
  station: { header: '站点编号', type: 'code', required: true },
  heldOn: { header: '活动日期', type: 'date', required: true },
  category: { header: '活动类别', type: 'text', required: true },
  target: { header: '服务对象', type: 'enum', required: true, values: TARGET_GROUPS.labels },
  personTimes: { header: '服务人次', type: 'int', min: 0 },
} satisfies Record<string, ColumnSpec>;
type ActivityKey = keyof typeof activityColumns;

/** volunteer/activities.csv: activities, each held by a station of the import's district (named by its number there). */
export const activitiesLedger: LedgerImporter<ActivityKey> = {
  spec: { file: 'volunteer/activities.csv', columns: activityColumns, key: ['number'] },
  async check(batch, ctx) {
    const station = (n: string) => globalId(ctx.district, n);
    const stations = await existingIn(ctx.db, 'station', 'id', valuesOf(batch, 'station', station));
    return unknownReferences(activitiesLedger.spec, batch, 'station', stations, ['站点', 'station'], station);
  },
  async write(batch, ctx) {
    const stationIds = batch.map((r) => globalId(ctx.district, str(r.value.station)));
    const communities = await stationCommunities(ctx.db, stationIds);
    return storeRows(
      ctx,
      {
        table: 'activity',
        key: ['id'],
        columns: ['name', 'station_id', 'community_code', 'held_on', 'category', 'category_kind', 'target_group', 'person_times'],
      },
      batch.map(({ row, value }, i) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          name: str(value.name),
          station_id: stationIds[i],
          community_code: communities.get(stationIds[i]),
          held_on: str(value.heldOn),
          category: str(value.category),
          category_kind: categoryKindOf(str(value.category)),
          target_group: TARGET_GROUPS.of(value.target),
          person_times: numOrNull(value.personTimes),
        },
      })),
      { keyLabel: (v) => `活动编号 ${v.number}`, keyColumn: activityColumns.number.header },
    );
  },
};

const recordColumns = {
  activity: { header: '活动编号', type: 'code', required: true },
  volunteer: { header: '志愿者编号', type: 'code', required: true },
  hours: { header: '服务时长(小时)', type: 'decimal', required: true, max: MAX_HOURS },
} satisfies Record<string, ColumnSpec>;
type RecordKey = keyof typeof recordColumns;

/**
 * volunteer/service_records.csv: one volunteer's hours at one activity, both named by their numbers
 * in the import's district (imported before them).
 */
export const serviceRecordsLedger: LedgerImporter<RecordKey> = {
  spec: {
    file: 'volunteer/service_records.csv',
    columns: recordColumns,
    key: ['activity', 'volunteer'],
    // "more than 0" has no inclusive bound to give the column, so it is a row rule
    check: (v) =>
      typeof v.hours === 'number' && v.hours <= 0
        ? [{ column: 'hours', kind: 'range', reason: `服务时长应大于0 / hours must be more than 0: ${v.hours}` }]
        : [],
  },
  async check(batch, ctx) {
    const ofDistrict = (n: string) => globalId(ctx.district, n);
    const activities = await existingIn(ctx.db, 'activity', 'id', valuesOf(batch, 'activity', ofDistrict));
    const volunteers = await existingIn(ctx.db, 'volunteer', 'id', valuesOf(batch, 'volunteer', ofDistrict));
    return [
      ...unknownReferences(serviceRecordsLedger.spec, batch, 'activity', activities, ['活动', 'activity'], ofDistrict),
      ...unknownReferences(serviceRecordsLedger.spec, batch, 'volunteer', volunteers, ['志愿者', 'volunteer'], ofDistrict),
    ];
  },
  write: (batch, ctx) =>
    storeRows(
      ctx,
      { table: 'service_record', key: ['activity_id', 'volunteer_id'], columns: ['hours'] },
      batch.map(({ row, value }) => ({
        row,
        values: {
          activity_id: globalId(ctx.district, str(value.activity)),
          volunteer_id: globalId(ctx.district, str(value.volunteer)),
          hours: value.hours,
        },
      })),
      { keyLabel: (v) => `活动 ${v.activity_id} 志愿者 ${v.volunteer_id}`, keyColumn: recordColumns.activity.header },
    ),
};

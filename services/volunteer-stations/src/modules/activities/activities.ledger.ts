import { upsertRows, type LedgerImporter, type LedgerSpec } from '@district/common';
import { missingReferences, ownRows, text, valuesOf } from '../../lib/ledger-checks';
import { MAX_HOURS, TARGET_GROUP_LABEL } from './activity.entity';

type ActivityColumn = 'code' | 'name' | 'station' | 'heldOn' | 'category' | 'target' | 'personTimes';
const activitySpec: LedgerSpec<ActivityColumn> = {
  file: 'volunteer/activities.csv',
  columns: {
    code: { header: '活动编号', type: 'code', required: true },
    name: { header: '活动名称', type: 'text', required: true },
    station: { header: '站点编号', type: 'code', required: true },
    heldOn: { header: '活动日期', type: 'date', required: true },
    category: { header: '活动类别', type: 'text', required: true },
    target: { header: '服务对象', type: 'enum', required: true, values: Object.keys(TARGET_GROUP_LABEL) },
    personTimes: { header: '服务人次', type: 'int', min: 0 },
  },
  key: ['code'],
};

const stationsOf = (db: Parameters<typeof ownRows>[0], codes: string[]) =>
  ownRows<{ code: string; community_code: string }>(db, 'station', 'community_code', codes);

export const activityLedger: LedgerImporter<ActivityColumn> = {
  spec: activitySpec,
  async check(batch, ctx) {
    const stations = await stationsOf(ctx.db, valuesOf(batch, 'station'));
    return missingReferences(activitySpec, batch, 'station', new Set(stations.keys()), ['站点', 'station']);
  },
  async write(batch, ctx) {
    const stations = await stationsOf(ctx.db, valuesOf(batch, 'station'));
    return upsertRows(
      ctx.db,
      'activity',
      ['code'],
      batch.map(({ value: v }) => ({
        code: v.code,
        name: v.name,
        station_code: v.station,
        community_code: stations.get(text(v.station)!)!.community_code,
        held_on: v.heldOn,
        category: v.category,
        target_group: TARGET_GROUP_LABEL[text(v.target)!],
        person_times: v.personTimes,
      })),
    );
  },
};

type RecordColumn = 'activity' | 'volunteer' | 'hours';
const recordSpec: LedgerSpec<RecordColumn> = {
  file: 'volunteer/service_records.csv',
  columns: {
    activity: { header: '活动编号', type: 'code', required: true },
    volunteer: { header: '志愿者编号', type: 'code', required: true },
    hours: { header: '服务时长(小时)', type: 'decimal', required: true, max: MAX_HOURS },
  },
  key: ['activity', 'volunteer'],
  // "more than 0" has no inclusive bound to give the column, so it is a row rule
  check: (v) =>
    typeof v.hours === 'number' && v.hours <= 0
      ? [{ column: 'hours', kind: 'range', reason: `服务时长应大于0 / hours must be more than 0: ${v.hours}` }]
      : [],
};

/** Records need an activity and a volunteer in this subgraph's database (imported before them). */
export const serviceRecordLedger: LedgerImporter<RecordColumn> = {
  spec: recordSpec,
  async check(batch, ctx) {
    const activities = await ownRows(ctx.db, 'activity', 'code AS c', valuesOf(batch, 'activity'));
    const volunteers = await ownRows(ctx.db, 'volunteer', 'code AS c', valuesOf(batch, 'volunteer'));
    return [
      ...missingReferences(recordSpec, batch, 'activity', new Set(activities.keys()), ['活动', 'activity']),
      ...missingReferences(recordSpec, batch, 'volunteer', new Set(volunteers.keys()), ['志愿者', 'volunteer']),
    ];
  },
  write: (batch, ctx) =>
    upsertRows(
      ctx.db,
      'service_record',
      ['activity_code', 'volunteer_code'],
      batch.map(({ value: v }) => ({
        activity_code: v.activity,
        volunteer_code: v.volunteer,
        hours: v.hours,
      })),
    ),
};

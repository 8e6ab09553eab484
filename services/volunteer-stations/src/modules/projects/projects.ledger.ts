import { globalId } from '@district/common';
import {
  placeThrough,
  referenceDefect,
  storeRows,
  str,
  strOrNull,
  vocabulary,
  type ColumnSpec,
  type LedgerImporter,
  type RowProblem,
} from '@district/ledger';

export const FIELDS = vocabulary({
  助老服务: 'ELDERLY',
  关爱儿童: 'CHILDREN',
  文明实践: 'CIVILIZATION',
  环境保护: 'ENVIRONMENT',
  新就业群体关爱: 'NEW_EMPLOYMENT',
  社区服务: 'COMMUNITY_SERVICE',
  其他: 'OTHER',
} as const);
const NUMBER = /^[A-Za-z0-9_-]{1,30}$/;

const columns = {
  number: { header: '项目编号', type: 'code', required: true, pattern: NUMBER },
  station: { header: '站点编号', type: 'code', required: true, pattern: NUMBER },
  name: { header: '项目名称', type: 'text', required: true },
  field: { header: '服务领域', type: 'enum', required: true, values: FIELDS.labels },
  description: { header: '项目简介', type: 'text' },
  startedOn: { header: '启动日期', type: 'date', required: true },
  endedOn: { header: '结束日期', type: 'date' },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

/** volunteer/projects.csv: named volunteer service projects and the stations that run them. */
export const projectsLedger: LedgerImporter<Key> = {
  spec: {
    file: 'volunteer/projects.csv',
    columns,
    key: ['number'],
    check: (v): RowProblem<Key>[] =>
      v.endedOn && String(v.endedOn) <= String(v.startedOn)
        ? [{ column: 'endedOn', kind: 'date', reason: '结束日期须晚于启动日期 / ends after it starts' }]
        : [],
  },
  place: { column: 'station', lookup: placeThrough('station', 'station') },
  async check(batch, ctx) {
    const res = await ctx.db.query(`SELECT id FROM station WHERE id = ANY($1) AND withdrawn_on IS NULL`, [
      batch.map((r) => globalId(ctx.district, str(r.value.station))),
    ]);
    const known = new Set(res.rows.map((r: { id: string }) => r.id));
    return batch
      .filter((r) => !known.has(globalId(ctx.district, str(r.value.station))))
      .map((r) => referenceDefect(ctx.file, r.row, columns.station.header, `站点不存在：${str(r.value.station)} / no such station`));
  },
  async write(batch, ctx) {
    const res = await ctx.db.query(`SELECT id, community_code FROM station WHERE id = ANY($1)`, [
      batch.map((r) => globalId(ctx.district, str(r.value.station))),
    ]);
    const places = new Map(res.rows.map((r: { id: string; community_code: string }) => [r.id, r.community_code]));
    return storeRows(
      ctx,
      {
        table: 'volunteer_project',
        region: 'community_code',
        key: ['id'],
        columns: ['station_id', 'community_code', 'name', 'field', 'description', 'started_on', 'ended_on'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          station_id: globalId(ctx.district, str(value.station)),
          community_code: places.get(globalId(ctx.district, str(value.station))),
          name: str(value.name),
          field: FIELDS.of(value.field),
          description: strOrNull(value.description),
          started_on: str(value.startedOn),
          ended_on: strOrNull(value.endedOn),
        },
      })),
      { keyLabel: (v) => `项目编号 ${v.number}`, keyColumn: columns.number.header },
    );
  },
};

import { globalId, normaliseRegionCode } from '@district/common';
import {
  existingIn,
  outsideDistrict,
  referenceDefect,
  storeRows,
  str,
  strOrNull,
  vocabulary,
  type ColumnSpec,
  type LedgerImporter,
  type RowProblem,
} from '@district/ledger';
import { ensurePersons } from '../persons/persons';

export const TALENT_CATEGORIES = vocabulary({
  持证社工: 'CERTIFIED',
  社区工作者后备: 'RESERVE',
  后备人才: 'RESERVE',
  专业人才: 'SPECIALIST',
  志愿者骨干: 'VOLUNTEER_BACKBONE',
  其他: 'OTHER',
} as const);

const columns = {
  number: { header: '登记编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  region: { header: '所属区划代码', type: 'code', required: true, pattern: /^\d{6}(\d{6})?$/ },
  name: { header: '姓名', type: 'text', required: true, personal: true },
  idNumber: { header: '身份证号', type: 'idNumber', required: true },
  category: { header: '人才类别', type: 'enum', required: true, values: TALENT_CATEGORIES.labels },
  specialty: { header: '专长', type: 'text' },
  enteredOn: { header: '入库日期', type: 'date', required: true },
  leftOn: { header: '出库日期', type: 'date' },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

const leftAfterEntered = (v: Record<Key, unknown>): RowProblem<Key>[] =>
  v.leftOn && String(v.leftOn) < String(v.enteredOn)
    ? [{ column: 'leftOn', kind: 'format', reason: '出库日期早于入库日期 / left before entering the pool' }]
    : [];

const code = (v: unknown) => normaliseRegionCode(str(v as string));

/** workforce/talent_pool.csv: the social-work talent pool (社工人才库) of the district, its streets and communities. */
export const talentPoolLedger: LedgerImporter<Key> = {
  spec: { file: 'workforce/talent_pool.csv', columns, key: ['number'], check: leftAfterEntered },
  place: { column: 'region', code: (v) => code(v.region) },
  async check(batch, ctx) {
    const defects = outsideDistrict(batch, ctx, (r) => code(r.value.region), columns.region.header);
    const refused = new Set(defects.map((d) => d.row));
    const known = await existingIn(
      ctx.db,
      'region',
      'code',
      batch.map((r) => code(r.value.region)),
      'withdrawn_on IS NULL',
    );
    return [
      ...defects,
      ...batch
        .filter((r) => !refused.has(r.row) && !known.has(code(r.value.region)))
        .map((r) => referenceDefect(ctx.file, r.row, columns.region.header, `区划不存在：${str(r.value.region)} / no such region`)),
    ];
  },
  async write(batch, ctx) {
    const persons = await ensurePersons(
      ctx,
      batch.map(({ row, value }) => ({ row, idNumber: str(value.idNumber), name: str(value.name) })),
      false,
    );
    return storeRows(
      ctx,
      {
        table: 'talent_pool_member',
        key: ['id'],
        region: 'region_code',
        columns: ['region_code', 'person_id', 'category', 'specialty', 'entered_on', 'left_on'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          region_code: code(value.region),
          person_id: persons.ids.get(str(value.idNumber)),
          category: TALENT_CATEGORIES.of(value.category),
          specialty: strOrNull(value.specialty),
          entered_on: str(value.enteredOn),
          left_on: strOrNull(value.leftOn),
        },
      })),
      { keyLabel: (v) => `登记编号 ${v.number}`, keyColumn: columns.number.header },
    );
  },
};

import { districtNode, globalId } from '@district/common';
import { storeRows, str, type ColumnSpec, type LedgerImporter } from '@district/ledger';

/**
 * The working committee's ledgers are the district's own and name no place: each row belongs to the
 * district the import is for and sits at its node. Trainings are numbered by the district; member
 * units and industry committees are known by name, unique within the district.
 */
const trainingColumns = {
  number: { header: '培训编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  name: { header: '培训名称', type: 'text', required: true },
  heldOn: { header: '培训日期', type: 'date', required: true },
  participantCategory: { header: '参训人员类别', type: 'text', required: true },
  personTimes: { header: '参训人次', type: 'int', required: true, min: 0 },
} satisfies Record<string, ColumnSpec>;

/** party/trainings.csv: a session with its person-times. */
export const trainingsLedger: LedgerImporter<keyof typeof trainingColumns> = {
  spec: { file: 'party/trainings.csv', columns: trainingColumns, key: ['number'] },
  write: (batch, ctx) =>
    storeRows(
      ctx,
      { table: 'party_training', key: ['id'], columns: ['name', 'held_on', 'participant_category', 'person_times'] },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          name: str(value.name),
          held_on: str(value.heldOn),
          participant_category: str(value.participantCategory),
          person_times: value.personTimes,
          region_code: districtNode(ctx.district),
        },
      })),
      { keyLabel: (v) => `培训编号 ${v.number}`, keyColumn: trainingColumns.number.header },
    ),
};

const memberColumns = {
  name: { header: '成员单位', type: 'text', required: true },
  joinedOn: { header: '加入日期', type: 'date', required: true },
} satisfies Record<string, ColumnSpec>;

/** party/committee_members.csv: the current member units. A unit that left keeps the day it left (set in the app). */
export const committeeMembersLedger: LedgerImporter<keyof typeof memberColumns> = {
  spec: { file: 'party/committee_members.csv', columns: memberColumns, key: ['name'] },
  write: (batch, ctx) =>
    storeRows(
      ctx,
      { table: 'committee_member_unit', key: ['id'], columns: ['joined_on'] },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.name)),
          district_code: ctx.district,
          name: str(value.name),
          joined_on: str(value.joinedOn),
          region_code: districtNode(ctx.district),
        },
      })),
      { keyLabel: (v) => `成员单位 ${v.name}`, keyColumn: memberColumns.name.header },
    ),
};

const committeeColumns = {
  name: { header: '党委名称', type: 'text', required: true },
  industry: { header: '行业', type: 'text', required: true },
  foundedOn: { header: '成立日期', type: 'date', required: true },
} satisfies Record<string, ColumnSpec>;

/** party/industry_committees.csv: an industry Party committee and the day it was founded. */
export const industryCommitteesLedger: LedgerImporter<keyof typeof committeeColumns> = {
  spec: { file: 'party/industry_committees.csv', columns: committeeColumns, key: ['name'] },
  write: (batch, ctx) =>
    storeRows(
      ctx,
      { table: 'industry_committee', key: ['id'], columns: ['industry', 'founded_on'] },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.name)),
          district_code: ctx.district,
          name: str(value.name),
          industry: str(value.industry),
          founded_on: str(value.foundedOn),
          region_code: districtNode(ctx.district),
        },
      })),
      { keyLabel: (v) => `党委名称 ${v.name}`, keyColumn: committeeColumns.name.header },
    ),
};

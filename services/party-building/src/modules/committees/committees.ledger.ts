import { upsertRows, type LedgerImporter } from '@district/common';
import { DISTRICT_CODE } from '../../district';

export const trainingLedger: LedgerImporter<'code' | 'name' | 'heldOn' | 'participantCategory' | 'personTimes'> = {
  spec: {
    file: 'party/trainings.csv',
    columns: {
      code: { header: '培训编号', type: 'code', pattern: /^[A-Za-z0-9-]{1,20}$/, required: true },
      name: { header: '培训名称', type: 'text', required: true },
      heldOn: { header: '培训日期', type: 'date', required: true },
      participantCategory: { header: '参训人员类别', type: 'text', required: true },
      personTimes: { header: '参训人次', type: 'int', min: 0, required: true },
    },
    key: ['code'],
  },
  write: (batch, ctx) =>
    upsertRows(
      ctx.db,
      'party_training',
      ['code'],
      batch.map(({ value: v }) => ({
        code: v.code,
        name: v.name,
        held_on: v.heldOn,
        participant_category: v.participantCategory,
        person_times: v.personTimes,
        region_code: DISTRICT_CODE,
      })),
    ),
};

/** The ledger lists current members; a unit that left keeps the day it left (set outside the ledger). */
export const committeeMemberLedger: LedgerImporter<'name' | 'joinedOn'> = {
  spec: {
    file: 'party/committee_members.csv',
    columns: {
      name: { header: '成员单位', type: 'text', required: true },
      joinedOn: { header: '加入日期', type: 'date', required: true },
    },
    key: ['name'],
  },
  write: (batch, ctx) =>
    upsertRows(
      ctx.db,
      'committee_member_unit',
      ['name'],
      batch.map(({ value: v }) => ({
        name: v.name,
        joined_on: v.joinedOn,
        region_code: DISTRICT_CODE,
      })),
    ),
};

export const industryCommitteeLedger: LedgerImporter<'name' | 'industry' | 'foundedOn'> = {
  spec: {
    file: 'party/industry_committees.csv',
    columns: {
      name: { header: '党委名称', type: 'text', required: true },
      industry: { header: '行业', type: 'text', required: true },
      foundedOn: { header: '成立日期', type: 'date', required: true },
    },
    key: ['name'],
  },
  write: (batch, ctx) =>
    upsertRows(
      ctx.db,
      'industry_committee',
      ['name'],
      batch.map(({ value: v }) => ({
        name: v.name,
        industry: v.industry,
        founded_on: v.foundedOn,
        region_code: DISTRICT_CODE,
      })),
    ),
};

import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, districtNode, globalId, todayInChina } from '@district/common';
import {
  assertKeyFree,
  audited,
  correction,
  defineRecord,
  districtFor,
  localNumberOf,
  nextNumber,
  notFuture,
  optionalText,
  requiredText,
  wholeNumber,
  withdrawal,
  type RequestContext,
} from '@district/subgraph-kit';
import type { CorrectGigCareEventInput, CorrectGigCarePartnerInput, MutationResolvers } from '../../generated/graphql';
import { GigCareEvent, GigCarePartner } from './care.entity';

const DEPARTMENT = 'gig-care';

/** District-wide records sit at their district's node. */
export const CARE_EVENT_RECORD = defineRecord<GigCareEvent>({
  type: 'GigCareEvent',
  entity: GigCareEvent,
  label: ['关爱活动', 'care event'],
  owner: DEPARTMENT,
  placeOf: (e) => e.regionCode,
  idOf: (e) => e.id,
});

export const CARE_PARTNER_RECORD = defineRecord<GigCarePartner>({
  type: 'GigCarePartner',
  entity: GigCarePartner,
  label: ['合作单位', 'partner unit'],
  owner: DEPARTMENT,
  placeOf: (p) => p.regionCode,
  idOf: (p) => p.id,
});

/**
 * Partner rows are known by their line in the year's ledger; rows entered in the app take lines from
 * 100000 on, so the ledger's own lines never land on them.
 */
const APP_LINES = 100_000;

async function districtOfNewRecord(ctx: RequestContext, given: string | null | undefined) {
  const district = await districtFor(ctx, given);
  const regionCode = districtNode(district);
  assertCanWrite(ctx.caller, DEPARTMENT, regionCode);
  return { district, regionCode };
}

async function nextPartnerLine(em: EntityManager, district: string, year: number): Promise<number> {
  const [{ n }] = await em
    .getConnection()
    .execute<{ n: number | null }[]>(
      'SELECT max(ledger_row) AS n FROM gig_care_partner WHERE district_code = ? AND year = ?',
      [district, year],
      'all',
      em.getTransactionContext(),
    );
  return Math.max(APP_LINES, Number(n ?? 0) + 1);
}

const yearOf = (year: number, field = 'year') => wholeNumber(year, field, '参与年度', 2000, Number(todayInChina().slice(0, 4)));

export const careMutations: MutationResolvers = {
  createGigCareEvent: (_, { input }, ctx) =>
    audited(
      ctx,
      'createGigCareEvent',
      input,
      async (em) => {
        const { district, regionCode } = await districtOfNewRecord(ctx, input.districtCode);
        const heldOn = notFuture(input.heldOn, 'heldOn', '活动日期');
        // numbers follow the ledger's GA<year><2 digits>, continuing the year's highest in the district
        const number = input.code
          ? localNumberOf(input.code, 'code', '活动编号')
          : await nextNumber(em, { table: 'gig_care_event', column: 'number', district, prefix: `GA${heldOn.slice(0, 4)}`, width: 2 });
        const id = globalId(district, number);
        await assertKeyFree(em, GigCareEvent, { id }, 'code', `活动编号 ${number} `);
        return em.create(GigCareEvent, {
          id,
          districtCode: district,
          number,
          regionCode,
          name: requiredText(input.name, 'name', '活动名称'),
          kind: input.kind,
          heldOn,
          served: wholeNumber(input.served, 'served', '服务人次', 0, 1_000_000),
          partnerName: optionalText(input.partnerName, 'partnerName', '合作单位'),
        });
      },
      (e) => `GigCareEvent:${e.id}`,
    ),
  correctGigCareEvent: correction<GigCareEvent, CorrectGigCareEventInput>(CARE_EVENT_RECORD, ({ row, change }, input) => {
    if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '活动名称'));
    if (input.kind) change.set(row, 'kind', input.kind);
    if (input.heldOn) change.set(row, 'heldOn', notFuture(input.heldOn, 'heldOn', '活动日期'));
    if (input.served !== undefined && input.served !== null)
      change.set(row, 'served', wholeNumber(input.served, 'served', '服务人次', 0, 1_000_000));
    if (input.partnerName !== undefined) change.set(row, 'partnerName', optionalText(input.partnerName, 'partnerName', '合作单位'));
  }),
  withdrawGigCareEvent: withdrawal(CARE_EVENT_RECORD),

  createGigCarePartner: (_, { input }, ctx) =>
    audited(
      ctx,
      'createGigCarePartner',
      input,
      async (em) => {
        const { district, regionCode } = await districtOfNewRecord(ctx, input.districtCode);
        const year = yearOf(input.year);
        const line = await nextPartnerLine(em, district, year);
        return em.create(GigCarePartner, {
          id: globalId(district, `${year}-${line}`),
          districtCode: district,
          year,
          ledgerRow: line,
          regionCode,
          name: requiredText(input.name, 'name', '单位名称'),
          type: input.type,
        });
      },
      (p) => `GigCarePartner:${p.id}`,
    ),
  correctGigCarePartner: correction<GigCarePartner, CorrectGigCarePartnerInput>(CARE_PARTNER_RECORD, ({ row, change }, input) => {
    if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '单位名称'));
    if (input.type) change.set(row, 'type', input.type);
    // the id keeps the year it was entered under: a row is known by its line, not by its year
    if (input.year !== undefined && input.year !== null) change.set(row, 'year', yearOf(input.year));
  }),
  withdrawGigCarePartner: withdrawal(CARE_PARTNER_RECORD),
};

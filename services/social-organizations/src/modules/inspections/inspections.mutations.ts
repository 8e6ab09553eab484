import { badInput, notFound } from '@district/common';
import { audited, defineRecord, LIVE, markWithdrawn, NOTE_MAX, requiredText, withdrawnView, writeHistory } from '@district/subgraph-kit';
import type { MutationResolvers } from '../../generated/graphql';
import { registeredToChange, yearOfOrganization } from '../organizations/organizations.mutations';
import { AnnualInspection } from './inspection.entity';

/** One organisation's result of one year: recorded again, it is corrected, the earlier result kept in its history. */
export const INSPECTION_RECORD = defineRecord<AnnualInspection>({
  type: 'AnnualInspection',
  entity: AnnualInspection,
  label: ['年检结果', 'inspection result'],
  owner: 'social-organizations',
  placeOf: () => null,
  idOf: (i) => `${i.organizationCode}:${i.year}`,
});

export const inspectionMutations: MutationResolvers = {
  /** One result per organisation and year: recording again corrects it. */
  recordAnnualInspection: (_, args, ctx, info) =>
    audited(
      ctx,
      'recordAnnualInspection',
      args,
      async (em) => {
        const org = await registeredToChange(ctx, em, args.creditCode);
        const year = yearOfOrganization(org, args.year);
        if (org.deregisteredOn && org.deregisteredOn < `${year}-01-01`)
          throw badInput(`组织已于${org.deregisteredOn}注销 / the organization was deregistered before ${year}`, 'year');
        // a result withdrawn by mistake is recorded again on the same row: its key is the organisation and year
        const existing = await em.findOne(AnnualInspection, { organizationCode: org.code, year }, { filters: { [LIVE]: false } });
        if (existing) {
          const changes = [
            ...(existing.withdrawnOn ? [{ field: 'withdrawn', old: existing.withdrawnOn, new: null }] : []),
            ...(existing.result !== args.result ? [{ field: 'result', old: existing.result, new: args.result }] : []),
          ];
          await writeHistory(em, ctx, INSPECTION_RECORD, INSPECTION_RECORD.idOf(existing), info.fieldName, changes, null);
          Object.assign(existing, { result: args.result, withdrawnOn: null, withdrawalReason: null });
          return existing;
        }
        return em.create(AnnualInspection, { organizationCode: org.code, year, districtCode: org.districtCode, result: args.result });
      },
      (i) => `AnnualInspection:${i.organizationCode}:${i.year}`,
    ),

  withdrawAnnualInspection: (_, args, ctx, info) =>
    audited(
      ctx,
      'withdrawAnnualInspection',
      args,
      async (em) => {
        const org = await registeredToChange(ctx, em, args.creditCode);
        const inspection = await em.findOne(AnnualInspection, { organizationCode: org.code, year: args.year });
        if (!inspection) throw notFound(`该组织没有${args.year}年度的年检结果 / no inspection result of ${args.year}`, 'year');
        const reason = requiredText(args.reason, 'reason', '撤销原因', NOTE_MAX);
        await markWithdrawn(em, ctx, INSPECTION_RECORD, inspection, reason, info.fieldName);
        return withdrawnView(em, ctx, INSPECTION_RECORD, inspection);
      },
      (v) => `${v.type}:${v.id}`,
    ),
};

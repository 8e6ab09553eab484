import { badInput } from '@district/common';
import { audited } from '@district/subgraph-kit';
import type { MutationResolvers } from '../../generated/graphql';
import { registeredToChange, yearOfOrganization } from '../organizations/organizations.mutations';
import { AnnualInspection } from './inspection.entity';

export const inspectionMutations: MutationResolvers = {
  /** One result per organisation and year: recording again corrects it. */
  recordInspection: (_, args, ctx) =>
    audited(
      ctx,
      'recordInspection',
      args,
      async (em) => {
        const org = await registeredToChange(ctx, em, args.creditCode);
        const year = yearOfOrganization(org, args.year);
        if (org.deregisteredOn && org.deregisteredOn < `${year}-01-01`)
          throw badInput(`组织已于${org.deregisteredOn}注销 / the organization was deregistered before ${year}`, 'year');
        const existing = await em.findOne(AnnualInspection, { organizationCode: org.code, year });
        if (existing) {
          existing.result = args.result;
          return existing;
        }
        return em.create(AnnualInspection, { organizationCode: org.code, year, districtCode: org.districtCode, result: args.result });
      },
      (i) => `AnnualInspection:${i.organizationCode}:${i.year}`,
    ),
};

import { audited, badInput, type RequestContext } from '@district/common';
import type { InspectionResult } from '../../vocabulary';
import { yearInput } from '../../validation';
import { registeredToChange } from '../organizations/organizations.mutations';
import { AnnualInspection } from './inspection.entity';

export const inspectionMutations = {
  /** One result per organisation and year: recording again corrects it. */
  recordInspection: (_: unknown, args: { creditCode: string; year: number; result: InspectionResult }, ctx: RequestContext) =>
    audited(
      ctx,
      'recordInspection',
      args,
      async (em) => {
        const org = await registeredToChange(ctx, em, args.creditCode);
        const year = yearInput(args.year, 'year', Number(org.foundedOn.slice(0, 4)));
        if (org.deregisteredOn && org.deregisteredOn < `${year}-01-01`)
          throw badInput(`组织已于${org.deregisteredOn}注销 / the organisation was deregistered before ${year}`, 'year');
        const existing = await em.findOne(AnnualInspection, { organization: org, year });
        if (existing) {
          existing.result = args.result;
          return existing;
        }
        return em.create(AnnualInspection, { organization: org, year, result: args.result });
      },
      (i) => `AnnualInspection:${i.organization.code}:${i.year}`,
    ),
};

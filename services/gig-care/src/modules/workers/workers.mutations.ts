import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { assertCanWrite, conflict, districtOf, globalId } from '@district/common';
import { assertInRegionTree, audited, eventDay, idNumberOf, nextNumber, phoneOf, regionCodeOf, requiredText } from '@district/subgraph-kit';
import type { MutationResolvers } from '../../generated/graphql';
import { GigWorker } from './worker.entity';

const ALREADY = '该身份证号已在本区县登记 / a gig worker with this ID number is already registered in this district';

export const workerMutations: MutationResolvers = {
  registerGigWorker: (_, { input }, ctx) =>
    audited(
      ctx,
      'registerGigWorker',
      input,
      async (em) => {
        const communityCode = regionCodeOf(input.communityCode, 'communityCode');
        assertCanWrite(ctx.caller, 'gig-care', communityCode);
        const name = requiredText(input.name, 'name', '姓名', 50);
        const idNumber = idNumberOf(input.idNumber, 'idNumber');
        const phone = phoneOf(input.phone, 'phone');
        const platform = requiredText(input.platform, 'platform', '所属平台企业', 100);
        const registeredOn = eventDay(input.registeredOn, 'registeredOn', '登记日期');
        await assertInRegionTree(ctx, 'regions', communityCode, 'communityCode');
        const district = districtOf(communityCode);
        // numbering follows the ledger's XJY00001…; the lock also makes a second registration of one person wait and see the first
        const number = await nextNumber(em, { table: 'gig_worker', column: 'number', district, prefix: 'XJY', width: 5 });
        if (await em.count(GigWorker, { districtCode: district, idNumber })) throw conflict(ALREADY, 'idNumber');
        const worker = em.create(GigWorker, {
          id: globalId(district, number),
          districtCode: district,
          number,
          name,
          idNumber,
          phone,
          jobType: input.jobType,
          platform,
          partyMember: input.partyMember,
          mobileGridMember: input.mobileGridMember,
          registeredOn,
          communityCode,
          pointsBalance: 0,
        });
        try {
          await em.flush();
        } catch (e) {
          // the unique index on (district, ID number) decides whatever raced past the check
          if (e instanceof UniqueConstraintViolationException) throw conflict(ALREADY, 'idNumber');
          throw e;
        }
        return worker;
      },
      (w) => `GigWorker:${w.id}`,
    ),
};

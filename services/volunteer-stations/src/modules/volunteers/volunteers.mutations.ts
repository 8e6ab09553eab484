import { assertCanWrite, badInput, conflict, globalId } from '@district/common';
import { audited, eventDay, idNumberOf, nextNumber, optionalText, phoneOf, recordId, requiredText } from '@district/subgraph-kit';
import type { MutationResolvers } from '../../generated/graphql';
import { Station } from '../stations/station.entity';
import { Volunteer } from './volunteer.entity';

export const volunteerMutations: MutationResolvers = {
  registerVolunteer: (_, { input }, ctx) =>
    audited(
      ctx,
      'registerVolunteer',
      input,
      async (em) => {
        const station = await em.findOne(Station, { id: await recordId(ctx, input.stationCode, 'stationCode') });
        if (!station) throw badInput(`站点不存在：${input.stationCode} / no such station`, 'stationCode');
        assertCanWrite(ctx.caller, 'volunteer-stations', station.communityCode);
        const name = requiredText(input.name, 'name', '姓名', 50);
        const idNumber = idNumberOf(input.idNumber, 'idNumber');
        const phone = phoneOf(input.phone, 'phone');
        const registeredOn = eventDay(input.registeredOn, 'registeredOn', '注册日期');
        const politicalStatus = optionalText(input.politicalStatus, 'politicalStatus', '政治面貌', 50);
        const district = station.districtCode;
        const existing = await em.findOne(Volunteer, { districtCode: district, idNumber });
        if (existing) {
          throw conflict(`此人已注册为志愿者 ${existing.number} / this person is already volunteer ${existing.number}`, 'idNumber');
        }
        // numbers follow the ledger's pattern V<7 digits>, continuing the district's highest
        const number = await nextNumber(em, { table: 'volunteer', column: 'number', district, prefix: 'V', width: 7 });
        return em.create(Volunteer, {
          id: globalId(district, number),
          districtCode: district,
          number,
          name,
          idNumber,
          phone,
          registeredOn,
          stationId: station.id,
          communityCode: station.communityCode,
          politicalStatus,
        });
      },
      (v) => `Volunteer:${v.id}`,
    ),
};

import { assertCanWrite, badInput, districtOf } from '@district/common';
import {
  audited,
  correction,
  defineRecord,
  eventDay,
  optionalText,
  recordId,
  regionCodeOf,
  requiredText,
  withdrawal,
  newRecordKey,
} from '@district/subgraph-kit';
import type { CorrectRecognitionInput, MutationResolvers } from '../../generated/graphql';
import { Region } from '../regions/region.entity';
import { optionalDay } from '../shared/governance';
import { Recognition } from './recognition.entity';

const DEPARTMENT = 'workforce';

export const RECOGNITION_RECORD = defineRecord<Recognition>({
  type: 'Recognition',
  entity: Recognition,
  label: ['荣誉品牌记录', 'recognition'],
  owner: DEPARTMENT,
  placeOf: (r) => r.regionCode,
  idOf: (r) => r.id,
  personal: { holderName: 'NAME' },
});

const PLACES = ['COMMUNITY', 'STREET', 'DISTRICT'] as const;

export const recognitionMutations: MutationResolvers = {
  recordRecognition: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordRecognition',
      input,
      async (em) => {
        const regionCode = regionCodeOf(input.regionCode, 'regionCode', [...PLACES]);
        assertCanWrite(ctx.caller, DEPARTMENT, regionCode);
        if (!(await em.findOne(Region, { code: regionCode }))) throw badInput(`区划不存在：${regionCode} / no such region`, 'regionCode');
        const district = districtOf(regionCode);
        const grantedOn = eventDay(input.grantedOn, 'grantedOn', '授予日期');
        const { id, number } = await newRecordKey(em, Recognition, {
          given: input.id,
          label: '登记编号',
          table: 'recognition',
          district,
          prefix: `RY${grantedOn.slice(0, 4)}`,
          width: 4,
        });
        return em.create(Recognition, {
          id,
          districtCode: district,
          number,
          regionCode,
          kind: input.kind,
          level: input.level,
          title: requiredText(input.title, 'title', '名称', 200),
          holderType: input.holderType,
          holderName: requiredText(input.holderName, 'holderName', '获得者', 100),
          holderId: input.holderId ? await recordId(ctx, input.holderId, 'holderId') : null,
          rank: input.rank ?? null,
          grantedBy: optionalText(input.grantedBy, 'grantedBy', '授予单位', 100),
          grantedOn,
        });
      },
      (r) => `Recognition:${r.id}`,
    ),
  correctRecognition: correction<Recognition, CorrectRecognitionInput>(RECOGNITION_RECORD, async ({ ctx, em, row, change }, input) => {
    if (input.regionCode) {
      const code = regionCodeOf(input.regionCode, 'regionCode', [...PLACES]);
      if (districtOf(code) !== row.districtCode) throw badInput('不能更正到其他区县 / not into another district', 'regionCode');
      if (!(await em.findOne(Region, { code }))) throw badInput(`区划不存在：${code} / no such region`, 'regionCode');
      assertCanWrite(ctx.caller, DEPARTMENT, code);
      change.set(row, 'regionCode', code);
    }
    if (input.kind) change.set(row, 'kind', input.kind);
    if (input.level) change.set(row, 'level', input.level);
    if (input.title !== undefined) change.set(row, 'title', requiredText(input.title, 'title', '名称', 200));
    if (input.holderType) change.set(row, 'holderType', input.holderType);
    if (input.holderName !== undefined) change.set(row, 'holderName', requiredText(input.holderName, 'holderName', '获得者', 100));
    if (input.holderId !== undefined) change.set(row, 'holderId', input.holderId ? await recordId(ctx, input.holderId, 'holderId') : null);
    if (input.rank !== undefined) change.set(row, 'rank', input.rank);
    if (input.grantedBy !== undefined) change.set(row, 'grantedBy', optionalText(input.grantedBy, 'grantedBy', '授予单位', 100));
    if (input.grantedOn) change.set(row, 'grantedOn', optionalDay(input.grantedOn, 'grantedOn', '授予日期')!);
  }),
  withdrawRecognition: withdrawal(RECOGNITION_RECORD),
};

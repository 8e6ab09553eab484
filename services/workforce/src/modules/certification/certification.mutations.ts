import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, conflict, districtOf, todayInChina } from '@district/common';
import {
  assertKeyFree,
  audited,
  correction,
  defineRecord,
  idNumberOf,
  notFuture,
  optionalText,
  recordToChange,
  regionCodeOf,
  requiredText,
  wholeNumber,
  withdrawal,
  type ChangeSet,
  type RequestContext,
} from '@district/subgraph-kit';
import type { CorrectSocialWorkCertificateInput, CorrectSocialWorkExamRegistrationInput, MutationResolvers } from '../../generated/graphql';
import { Region } from '../regions/region.entity';
import { Person } from '../persons/person.entity';
import { personFor } from '../persons/persons';
import { Certificate, ExamRegistration, type SocialWorkLevel } from './certification.entity';

const DEPARTMENT = 'workforce';
const PERSONAL = { holderName: 'NAME', holderIdNumber: 'ID_NUMBER' } as const;

export const CERTIFICATE_RECORD = defineRecord<Certificate>({
  type: 'SocialWorkCertificate',
  entity: Certificate,
  label: ['证书', 'certificate'],
  owner: DEPARTMENT,
  placeOf: (c) => c.regionCode,
  idOf: (c) => c.id,
  // certificate numbers are national: the id a client gives is the number itself
  lookup: (_ctx, given) => ({ id: (given ?? '').trim() }),
  personal: PERSONAL,
});

export const EXAM_RECORD = defineRecord<ExamRegistration>({
  type: 'SocialWorkExamRegistration',
  entity: ExamRegistration,
  label: ['考试报名', 'exam registration'],
  owner: DEPARTMENT,
  placeOf: (e) => e.regionCode,
  idOf: (e) => String(e.id),
  lookup: (_ctx, given, field) => {
    if (!/^\d{1,18}$/.test((given ?? '').trim())) throw badInput(`报名编号应为数字 / ${field} is a registration's number`, field);
    return { id: given.trim() };
  },
  personal: { registrantName: 'NAME', registrantIdNumber: 'ID_NUMBER' },
});

/** A work unit's node: a district, street or community of the tree. */
async function unitRegion(em: EntityManager, raw: string, field: string): Promise<string> {
  const code = regionCodeOf(raw, field, ['DISTRICT', 'STREET', 'COMMUNITY']);
  if (!(await em.findOne(Region, { code }))) throw badInput(`区划不存在：${code} / no such region`, field);
  return code;
}

/**
 * The person an ID number names, with the name a clerk typed: a name that differs from the one on
 * file (the workers ledger is authoritative for it) is refused rather than dropped, so a typo in
 * either is seen. A person not yet known is created with it.
 */
export async function namedPerson(
  ctx: RequestContext,
  em: EntityManager,
  district: string,
  idNumber: string,
  name: string,
  nameField: string,
): Promise<Person> {
  const person = await personFor(em, ctx.personKey, district, idNumber, name, null, false);
  if (person.name !== name) {
    throw conflict(
      `姓名与该身份证号登记的姓名不符，请核对（如需更正姓名，请更正其社区工作者记录）/ the name differs from the name on file for this ID number: check it`,
      nameField,
    );
  }
  await em.flush();
  return person;
}

/** One certificate of a level per person and day: a second is the first entered twice. */
async function assertNoTwin(em: EntityManager, c: { id?: string; personId: string; level: SocialWorkLevel; obtainedOn: string }) {
  const twin = await em.findOne(Certificate, { personId: c.personId, level: c.level, obtainedOn: c.obtainedOn, id: { $ne: c.id ?? '' } });
  if (twin) {
    throw conflict(
      `此人同日已有同等级证书（${twin.id}）/ this person already holds a certificate of this level obtained that day: ${twin.id}`,
      'id',
    );
  }
}

/** A corrected name or ID number of a holder or registrant: another person (found or created), never a changed one. */
export async function correctPerson(
  ctx: RequestContext,
  em: EntityManager,
  change: ChangeSet,
  row: { personId: string; districtCode: string },
  fields: { name: string; idNumber: string },
  input: { name?: string | null; idNumber?: string | null },
): Promise<void> {
  if (input.name === undefined && input.idNumber === undefined) return;
  const person = await em.findOneOrFail(Person, { id: row.personId });
  const idNumber = input.idNumber === undefined ? person.idNumber : idNumberOf(input.idNumber ?? '', fields.idNumber);
  const name = input.name === undefined ? person.name : requiredText(input.name, fields.name, '姓名', 50);
  const other = await namedPerson(ctx, em, row.districtCode, idNumber, name, fields.name);
  change.note(fields.idNumber, person.idNumber, other.idNumber);
  change.note(fields.name, person.name, other.name);
  row.personId = other.id;
}

/** The exam years a registration may name: any past year (the ledgers' backlog), this year and next. */
function examYearOf(value: number, field: string): number {
  return wholeNumber(value, field, '考试年度', 2008, Number(todayInChina().slice(0, 4)) + 1);
}

export const certificationMutations: MutationResolvers = {
  recordSocialWorkCertificate: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordSocialWorkCertificate',
      input,
      async (em) => {
        const regionCode = regionCodeOf(input.regionCode, 'regionCode', ['DISTRICT', 'STREET', 'COMMUNITY']);
        assertCanWrite(ctx.caller, DEPARTMENT, regionCode);
        const id = requiredText(input.id, 'id', '证书编号', 30);
        const name = requiredText(input.holderName, 'holderName', '姓名', 50);
        const idNumber = idNumberOf(input.holderIdNumber, 'holderIdNumber');
        const obtainedOn = notFuture(input.obtainedOn, 'obtainedOn', '取得日期');
        await unitRegion(em, regionCode, 'regionCode');
        await assertKeyFree(em, Certificate, { id }, 'id', `证书编号 ${id} `);
        const district = districtOf(regionCode);
        const person = await namedPerson(ctx, em, district, idNumber, name, 'holderName');
        await assertNoTwin(em, { personId: person.id, level: input.level, obtainedOn });
        return em.create(Certificate, {
          id,
          districtCode: district,
          personId: person.id,
          workUnit: optionalText(input.workUnit, 'workUnit', '工作单位'),
          regionCode,
          level: input.level,
          obtainedOn,
        });
      },
      (c) => `SocialWorkCertificate:${c.id}`,
    ),

  correctSocialWorkCertificate: correction<Certificate, CorrectSocialWorkCertificateInput>(
    CERTIFICATE_RECORD,
    async ({ ctx, em, row, change }, input) => {
      if (input.regionCode !== undefined) {
        const regionCode = await unitRegion(em, input.regionCode ?? '', 'regionCode');
        if (districtOf(regionCode) !== row.districtCode) throw badInput('不能更正到其他区县 / not into another district', 'regionCode');
        change.set(row, 'regionCode', regionCode);
      }
      await correctPerson(
        ctx,
        em,
        change,
        row,
        { name: 'holderName', idNumber: 'holderIdNumber' },
        {
          name: input.holderName,
          idNumber: input.holderIdNumber,
        },
      );
      if (input.workUnit !== undefined) change.set(row, 'workUnit', optionalText(input.workUnit, 'workUnit', '工作单位'));
      if (input.level) change.set(row, 'level', input.level);
      if (input.obtainedOn) change.set(row, 'obtainedOn', notFuture(input.obtainedOn, 'obtainedOn', '取得日期'));
      await assertNoTwin(em, row);
    },
  ),
  withdrawSocialWorkCertificate: withdrawal(CERTIFICATE_RECORD),

  registerSocialWorkExam: (_, { input }, ctx) =>
    audited(
      ctx,
      'registerSocialWorkExam',
      input,
      async (em) => {
        const regionCode = regionCodeOf(input.regionCode, 'regionCode', ['DISTRICT', 'STREET', 'COMMUNITY']);
        assertCanWrite(ctx.caller, DEPARTMENT, regionCode);
        const examYear = examYearOf(input.examYear, 'examYear');
        const name = requiredText(input.registrantName, 'registrantName', '姓名', 50);
        const idNumber = idNumberOf(input.registrantIdNumber, 'registrantIdNumber');
        await unitRegion(em, regionCode, 'regionCode');
        const district = districtOf(regionCode);
        const person = await namedPerson(ctx, em, district, idNumber, name, 'registrantName');
        await assertKeyFree(em, ExamRegistration, { examYear, personId: person.id }, 'registrantIdNumber', `此人${examYear}年度的报名`);
        return em.create(ExamRegistration, {
          districtCode: district,
          examYear,
          personId: person.id,
          workUnit: optionalText(input.workUnit, 'workUnit', '工作单位'),
          regionCode,
          level: input.level,
          result: 'PENDING',
        });
      },
      (e) => `SocialWorkExamRegistration:${e.id}`,
    ),

  recordSocialWorkExamResult: (_, args, ctx) =>
    audited(
      ctx,
      'recordSocialWorkExamResult',
      args,
      async (em) => {
        const reg = await recordToChange(ctx, em, EXAM_RECORD, args.id);
        if (reg.result !== 'PENDING') {
          throw conflict(`该报名已有成绩，请用更正 / the registration has its result already: correct it instead`, 'id');
        }
        if (args.result === 'PENDING') throw badInput('请给出考试结果 / give the result', 'result');
        // an exam is held in its year: no result before it
        notFuture(`${reg.examYear}-01-01`, 'id', '考试年度');
        reg.result = args.result;
        return reg;
      },
      (e) => `SocialWorkExamRegistration:${e.id}`,
    ),

  correctSocialWorkExamRegistration: correction<ExamRegistration, CorrectSocialWorkExamRegistrationInput>(
    EXAM_RECORD,
    async ({ ctx, em, row, change }, input) => {
      if (input.regionCode !== undefined) {
        const regionCode = await unitRegion(em, input.regionCode ?? '', 'regionCode');
        if (districtOf(regionCode) !== row.districtCode) throw badInput('不能更正到其他区县 / not into another district', 'regionCode');
        change.set(row, 'regionCode', regionCode);
      }
      await correctPerson(
        ctx,
        em,
        change,
        row,
        { name: 'registrantName', idNumber: 'registrantIdNumber' },
        {
          name: input.registrantName,
          idNumber: input.registrantIdNumber,
        },
      );
      if (input.examYear !== undefined) change.set(row, 'examYear', examYearOf(input.examYear ?? 0, 'examYear'));
      if (input.workUnit !== undefined) change.set(row, 'workUnit', optionalText(input.workUnit, 'workUnit', '工作单位'));
      if (input.level) change.set(row, 'level', input.level);
      if (input.result) change.set(row, 'result', input.result);
      if (change.has('examYear') || change.has('registrantIdNumber')) {
        await assertKeyFree(
          em,
          ExamRegistration,
          { examYear: row.examYear, personId: row.personId, id: { $ne: row.id } },
          'examYear',
          `此人${row.examYear}年度的报名`,
        );
      }
    },
  ),
  withdrawSocialWorkExamRegistration: withdrawal(EXAM_RECORD),
};

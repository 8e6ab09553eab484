import { testCreditCode } from './datasets';
import type { FixtureRow } from './governance';

/**
 * Party-building fixtures of issue 15 for the ledgers party/key_areas.csv and party/two_new_orgs.csv
 * (imported over Shangjie's own, after its instructors): key areas (重点区域) with the organizations
 * sitting in them, and joint Party branches founded in the seed street. Planted so the seeds'
 * sentences come out: 成立3个联合党支部 (seeds/000: the seed street, 2025) and 3个重点区域党组织全覆盖
 * (seeds/003: the district, end of 2025). Each organization row carries what its author meant, for
 * tests to count from (never from the subgraph's code): `coveredFrom`, the first day it is covered in
 * any way (a Party organization's founding, or its instructor's dispatch: ZDY002, 2024-04-06 in
 * Shangjie's instructors.csv); `organizedFrom`, the first day a Party organization covers it. The
 * ledger writer leaves those out.
 */
export interface PartyFixtures {
  keyAreas: FixtureRow[];
  organizations: FixtureRow[];
}

const SEED_STREET = '410106001000';

export function partyFixtureRows(): PartyFixtures {
  const keyAreas: FixtureRow[] = [
    { number: 'ZDQY01', name: '中关村e谷（郑州）众创空间', kind: '众创空间', region: SEED_STREET },
    { number: 'ZDQY02', name: '欢乐金街', kind: '商圈', region: '410106002000' },
    { number: 'ZDQY03', name: '金融商务大厦', kind: '商务楼宇', region: '410106003001' },
    { number: 'ZDQY04', name: '上街科创园', kind: '园区', region: '410106004000' },
    { number: 'ZDQY05', name: '新城商圈', kind: '商圈', region: '410106000000' },
    { number: 'ZDQY06', name: '东站专业市场', kind: '专业市场', region: '410106005000' },
  ];
  const organizations: FixtureRow[] = [];
  let seq = 9100;
  const add = (row: FixtureRow) =>
    organizations.push({
      creditCode: testCreditCode(seq++, '1', '9'),
      isKey: null,
      partyOrgName: null,
      partyOrgSince: null,
      instructor: null,
      keyArea: null,
      coveredFrom: row.partyOrgSince ?? null,
      organizedFrom: row.partyOrgSince ?? null,
      ...row,
    });
  const unit = (name: string, street: string, category: string, extra: FixtureRow = {}) =>
    add({ name, category, street, formation: '未组建', partyMembers: 1, ...(category === '非公企业' ? { isKey: '是' } : {}), ...extra });
  const joint = (party: string, since: string) => ({ formation: '联合组建', partyOrgName: party, partyOrgSince: since, partyMembers: 2 });

  // the seed street: three joint branches founded in 2025, their six units in the maker space; one a year earlier
  ['一', '二', '三'].forEach((n, k) => {
    const since = `2025-0${3 + k}-15`;
    unit(`众创空间入驻企业${n}甲`, SEED_STREET, '非公企业', { ...joint(`众创空间第${n}联合党支部`, since), keyArea: 'ZDQY01' });
    unit(`众创空间入驻企业${n}乙`, SEED_STREET, '非公企业', { ...joint(`众创空间第${n}联合党支部`, since), keyArea: 'ZDQY01' });
  });
  // a non-key enterprise in the maker space: the coverage rates do not count it, nor does full coverage
  unit('众创空间小微企业', SEED_STREET, '非公企业', { isKey: '否', keyArea: 'ZDQY01' });
  unit('霞浦商贸企业甲', SEED_STREET, '非公企业', joint('商贸联合党支部', '2024-09-01'));
  unit('霞浦商贸企业乙', SEED_STREET, '非公企业', joint('商贸联合党支部', '2024-09-01'));
  // a standalone branch founded in the seed street in 2025
  unit('霞浦物流协会', SEED_STREET, '行业协会商会', {
    formation: '单独组建',
    partyOrgName: '霞浦物流协会党支部',
    partyOrgSince: '2025-07-01',
    partyMembers: 3,
  });

  // the business district: two social organizations with branches, an association with an instructor only
  unit('金街商户服务中心', '410106002000', '社会组织', {
    formation: '单独组建',
    partyOrgName: '金街商户服务中心党支部',
    partyOrgSince: '2020-05-01',
    partyMembers: 4,
    keyArea: 'ZDQY02',
  });
  unit('金街志愿者协会', '410106002000', '社会组织', {
    formation: '单独组建',
    partyOrgName: '金街志愿者协会党支部',
    partyOrgSince: '2021-05-01',
    partyMembers: 3,
    keyArea: 'ZDQY02',
  });
  unit('金街商会', '410106002000', '行业协会商会', { instructor: 'ZDY002', keyArea: 'ZDQY02', coveredFrom: '2024-04-06' });
  // the office building: two key enterprises with branches
  unit('大厦金融企业甲', '410106003000', '非公企业', {
    formation: '单独组建',
    partyOrgName: '大厦金融企业甲党支部',
    partyOrgSince: '2019-03-01',
    partyMembers: 5,
    keyArea: 'ZDQY03',
  });
  unit('大厦金融企业乙', '410106003000', '非公企业', {
    formation: '单独组建',
    partyOrgName: '大厦金融企业乙党支部',
    partyOrgSince: '2019-03-01',
    partyMembers: 5,
    keyArea: 'ZDQY03',
  });
  // the park: one unit covered, one key enterprise not: not fully covered
  unit('科创园运营公司', '410106004000', '园区', {
    formation: '单独组建',
    partyOrgName: '科创园运营公司党支部',
    partyOrgSince: '2022-01-10',
    partyMembers: 6,
    keyArea: 'ZDQY04',
  });
  unit('科创园入驻企业', '410106004000', '非公企业', { partyMembers: 2, keyArea: 'ZDQY04' });
  // the market: only a non-key enterprise, which coverage does not count: not fully covered (nothing to cover)
  unit('市场经营户', '410106005000', '非公企业', { isKey: '否', keyArea: 'ZDQY06' });
  return { keyAreas, organizations };
}

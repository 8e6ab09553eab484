import { globalId } from '@district/common';
import {
  outsideDistrict,
  storeRows,
  str,
  strOrNull,
  unknownReferences,
  valuesOf,
  vocabulary,
  type ColumnSpec,
  type LedgerImporter,
  type LedgerSpec,
} from '@district/ledger';
import { organizationsOfDistrict } from '../organizations/organizations.ledger';

export const PROJECT_MODES = vocabulary({
  '众筹+社区合伙人': 'CROWDFUNDING_PARTNER',
  政府购买: 'GOVERNMENT_PURCHASE',
  公益创投: 'VENTURE_PHILANTHROPY',
} as const);
const STATUSES = vocabulary({ 实施中: 'IN_PROGRESS', 已结项: 'COMPLETED' } as const);

const columns = {
  number: { header: '项目编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  name: { header: '项目名称', type: 'text', required: true },
  organization: { header: '承接组织编码', type: 'code', required: true },
  community: { header: '实施社区代码', type: 'code', pattern: /^\d{12}$/, required: true },
  category: { header: '项目类别', type: 'text' },
  mode: { header: '合作模式', type: 'enum', values: PROJECT_MODES.labels, required: true },
  // numeric(14, 2) in service_project.funding
  funding: { header: '资金(元)', type: 'decimal', min: 0, digits: [14, 2], required: true },
  approvedOn: { header: '立项日期', type: 'date', required: true },
  status: { header: '状态', type: 'enum', values: STATUSES.labels, required: true },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

const spec: LedgerSpec<Key> = {
  file: 'social/service_projects.csv',
  columns,
  key: ['number'],
  check: (v) =>
    String(v.community).endsWith('000')
      ? [{ column: 'community', kind: 'format', reason: '应为社区代码 / must be a community code, not a street' }]
      : [],
};

/**
 * social/service_projects.csv: projects numbered by the district (id "<district>:<number>"), each in
 * a community of the district's region tree, carried out by one of the district's organisations
 * (imported before them).
 */
export const projectsLedger: LedgerImporter<Key> = {
  spec,
  place: { column: 'community' },
  async check(batch, ctx) {
    const outside = outsideDistrict(batch, ctx, (r) => str(r.value.community), columns.community.header);
    const inside = batch.filter((r) => !outside.some((d) => d.row === r.row));
    const communities = await ctx.regionTree.regions(valuesOf(inside, 'community'));
    const orgs = await organizationsOfDistrict(ctx, valuesOf(batch, 'organization'));
    return [
      ...outside,
      ...unknownReferences(spec, inside, 'community', communities, ['社区', 'community']),
      ...unknownReferences(spec, batch, 'organization', new Set(orgs.keys()), ['本区县的承接组织', 'organization in this district']),
    ];
  },
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'service_project',
        key: ['id'],
        region: 'community_code',
        columns: ['name', 'organization_code', 'community_code', 'category', 'mode', 'funding', 'approved_on', 'status'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          name: str(value.name),
          organization_code: str(value.organization),
          community_code: str(value.community),
          category: strOrNull(value.category),
          mode: PROJECT_MODES.of(value.mode),
          funding: value.funding,
          approved_on: str(value.approvedOn),
          status: STATUSES.of(value.status),
        },
      })),
      { keyLabel: (v) => `项目编号 ${v.number}`, keyColumn: columns.number.header },
    ),
};

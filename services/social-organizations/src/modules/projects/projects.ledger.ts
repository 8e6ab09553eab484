import { upsertRows, type Defect, type LedgerImporter, type LedgerSpec, type RowProblem } from '@district/common';
import { codeOf, labels, PROJECT_MODES, PROJECT_STATUSES } from '../../vocabulary';
import { knownOrganizations, text, unknownRegions } from '../../ledger-support';

type Column = 'code' | 'name' | 'organizationCode' | 'communityCode' | 'category' | 'mode' | 'funding' | 'approvedOn' | 'status';

const spec: LedgerSpec<Column> = {
  file: 'social/service_projects.csv',
  columns: {
    code: { header: '项目编号', type: 'code', required: true },
    name: { header: '项目名称', type: 'text', required: true },
    organizationCode: { header: '承接组织编码', type: 'code', required: true },
    communityCode: { header: '实施社区代码', type: 'code', pattern: /^\d{12}$/, required: true },
    category: { header: '项目类别', type: 'text' },
    mode: { header: '合作模式', type: 'enum', values: labels(PROJECT_MODES), required: true },
    funding: { header: '资金(元)', type: 'decimal', min: 0, required: true },
    approvedOn: { header: '立项日期', type: 'date', required: true },
    status: { header: '状态', type: 'enum', values: labels(PROJECT_STATUSES), required: true },
  },
  key: ['code'],
  check: (v): RowProblem<Column>[] =>
    String(v.communityCode).endsWith('000')
      ? [{ column: 'communityCode', kind: 'format', reason: '应为社区代码 / must be a community code, not a street' }]
      : [],
};

/** Projects name an organisation imported before them and a community of the region tree. */
export const projectsLedger: LedgerImporter<Column> = {
  spec,
  async check(batch, ctx) {
    const orgs = await knownOrganizations(
      ctx,
      batch.map(({ value }) => String(value.organizationCode)),
    );
    const noOrg = batch
      .filter(({ value }) => !orgs.has(String(value.organizationCode)))
      .map(({ row, value }): Defect => ({
        file: spec.file,
        row,
        column: spec.columns.organizationCode.header,
        kind: 'reference',
        reason: `没有该承接组织 / no organisation ${value.organizationCode}`,
      }));
    return [...noOrg, ...(await unknownRegions(spec, batch, ['communityCode'], ctx))];
  },
  write(batch, ctx) {
    return upsertRows(
      ctx.db,
      'service_project',
      ['code'],
      batch.map(({ value: v }) => ({
        code: v.code,
        name: v.name,
        organization_code: v.organizationCode,
        community_code: v.communityCode,
        category: text(v.category),
        mode: codeOf(PROJECT_MODES, String(v.mode)),
        funding: v.funding,
        approved_on: v.approvedOn,
        status: codeOf(PROJECT_STATUSES, String(v.status)),
      })),
    );
  },
};

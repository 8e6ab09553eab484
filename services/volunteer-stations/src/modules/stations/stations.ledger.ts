import { upsertRows, type LedgerImporter, type LedgerSpec } from '@district/common';
import { missingReferences, text, valuesOf } from '../../lib/ledger-checks';
import { PILOT_LEVEL_LABEL } from './station.entity';

const COMMUNITY = /^\d{12}$/;

type StationColumn = 'code' | 'name' | 'community' | 'site' | 'sign' | 'team' | 'rules' | 'projects' | 'ledger' | 'builtOn';
const stationSpec: LedgerSpec<StationColumn> = {
  file: 'volunteer/stations.csv',
  columns: {
    code: { header: '站点编号', type: 'code', required: true },
    name: { header: '站点名称', type: 'text', required: true },
    community: { header: '所属社区代码', type: 'code', required: true, pattern: COMMUNITY },
    site: { header: '有场地', type: 'bool', required: true },
    sign: { header: '有标识', type: 'bool', required: true },
    team: { header: '有队伍', type: 'bool', required: true },
    rules: { header: '有制度', type: 'bool', required: true },
    projects: { header: '有项目', type: 'bool', required: true },
    ledger: { header: '有台账', type: 'bool', required: true },
    builtOn: { header: '建成日期', type: 'date' },
  },
  key: ['code'],
};

/** Stations: their community must exist in the region tree, asked through the graph. */
export const stationLedger: LedgerImporter<StationColumn> = {
  spec: stationSpec,
  async check(batch, ctx) {
    const found = await ctx.references.regions(valuesOf(batch, 'community'));
    return missingReferences(stationSpec, batch, 'community', found, ['社区', 'community']);
  },
  write: (batch, ctx) =>
    upsertRows(
      ctx.db,
      'station',
      ['code'],
      batch.map(({ value: v }) => ({
        code: v.code,
        name: v.name,
        community_code: v.community,
        has_site: v.site,
        has_sign: v.sign,
        has_team: v.team,
        has_rules: v.rules,
        has_projects: v.projects,
        has_ledger: v.ledger,
        built_on: v.builtOn,
      })),
    ),
};

type PilotColumn = 'community' | 'name' | 'level' | 'type' | 'designatedOn';
const pilotSpec: LedgerSpec<PilotColumn> = {
  file: 'volunteer/pilots.csv',
  columns: {
    community: { header: '社区代码', type: 'code', required: true, pattern: COMMUNITY },
    name: { header: '社区名称', type: 'text', required: true },
    level: { header: '试点级别', type: 'enum', required: true, values: Object.keys(PILOT_LEVEL_LABEL) },
    type: { header: '试点类型', type: 'text' },
    designatedOn: { header: '确定日期', type: 'date', required: true },
  },
  key: ['community'],
};

export const pilotLedger: LedgerImporter<PilotColumn> = {
  spec: pilotSpec,
  async check(batch, ctx) {
    const found = await ctx.references.regions(valuesOf(batch, 'community'));
    return missingReferences(pilotSpec, batch, 'community', found, ['社区', 'community']);
  },
  write: (batch, ctx) =>
    upsertRows(
      ctx.db,
      'pilot',
      ['community_code'],
      batch.map(({ value: v }) => ({
        community_code: v.community,
        community_name: v.name,
        level: PILOT_LEVEL_LABEL[text(v.level)!],
        pilot_type: v.type,
        designated_on: v.designatedOn,
      })),
    ),
};

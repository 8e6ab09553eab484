/**
 * The five subgraphs of the district graph, written down once. Start-up, the gateway's URL
 * overrides, composition, the import command and the tests all read this list; nothing else spells
 * the five names out.
 */
export const SUBGRAPHS = [
  { name: 'workforce', port: 4002, title: '社区工作者队伍 / community workforce' },
  { name: 'party-building', port: 4001, title: '两新党建 / party-building coverage' },
  { name: 'social-organizations', port: 4003, title: '社会组织 / social organizations' },
  { name: 'volunteer-stations', port: 4004, title: '志愿服务 / volunteer stations' },
  { name: 'gig-care', port: 4005, title: '新就业群体关爱 / gig-worker care' },
] as const;

/** The five lines of work; each owns one subgraph. The first, workforce, owns the region tree. */
export type Department = (typeof SUBGRAPHS)[number]['name'];

export const DEPARTMENTS: readonly Department[] = SUBGRAPHS.map((s) => s.name);

/** The subgraph that owns the region tree: every ledger and mutation elsewhere refers to it. */
export const REGION_TREE_OWNER: Department = 'workforce';

/** Upper-case name for environment variables: PARTY_BUILDING_URL, GIG_CARE_DATABASE_URL … */
export const envName = (name: Department): string => name.toUpperCase().replace(/-/g, '_');

/** The subgraph's own database on a shared server: district_party_building … */
export const databaseName = (name: Department, prefix = 'district'): string => `${prefix}_${name.replace(/-/g, '_')}`;

/** The prefix of a subgraph's own root fields (gigCareAuditTrail, workforcePreviewLedgerImport): federation routes a root field by its name. */
export const fieldPrefix = (name: Department): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export const isDepartment = (value: unknown): value is Department => (DEPARTMENTS as readonly unknown[]).includes(value);

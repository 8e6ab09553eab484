import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord, Withdrawable } from '@district/subgraph-kit';

/** The six items of the "六有" standard, in the order the ledger lists them. */
export const STANDARD_ITEMS = ['SITE', 'SIGN', 'TEAM', 'RULES', 'PROJECTS', 'LEDGER'] as const;
export type StandardItem = (typeof STANDARD_ITEMS)[number];

/** The ledger's header (and the clerk's word) for each standard item. */
export const ITEM_LABEL: Record<StandardItem, string> = {
  SITE: '有场地',
  SIGN: '有标识',
  TEAM: '有队伍',
  RULES: '有制度',
  PROJECTS: '有项目',
  LEDGER: '有台账',
};

/** Entity property of each standard item. */
export const ITEM_FLAG = {
  SITE: 'hasSite',
  SIGN: 'hasSign',
  TEAM: 'hasTeam',
  RULES: 'hasRules',
  PROJECTS: 'hasProjects',
  LEDGER: 'hasLedger',
} as const satisfies Record<StandardItem, keyof Station>;

/**
 * A volunteer service station (志愿服务站点) with its six "六有" flags. The station number (站点编号)
 * is the district's own: the id is "<district>:<station number>".
 */
@Entity({ tableName: 'station' })
@Unique({ properties: ['districtCode', 'number'] })
export class Station extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 站点编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Property({ type: 'text' })
  name!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'boolean' })
  hasSite = false;

  @Property({ type: 'boolean' })
  hasSign = false;

  @Property({ type: 'boolean' })
  hasTeam = false;

  @Property({ type: 'boolean' })
  hasRules = false;

  @Property({ type: 'boolean' })
  hasProjects = false;

  @Property({ type: 'boolean' })
  hasLedger = false;

  @Property({ type: 'date', nullable: true })
  builtOn?: string | null;

  /**
   * Day the last missing item was supplied in the app. Null for a station the ledger already listed
   * as standard: the ledger does not say since when, so it counts from builtOn.
   */
  @Property({ type: 'date', nullable: true })
  standardizedOn?: string | null;
}

export function missingItems(s: Station): StandardItem[] {
  return STANDARD_ITEMS.filter((item) => !s[ITEM_FLAG[item]]);
}

/** Column of each standard item, for lists and figures written in SQL. */
export const ITEM_COLUMN: Record<StandardItem, string> = {
  SITE: 'has_site',
  SIGN: 'has_sign',
  TEAM: 'has_team',
  RULES: 'has_rules',
  PROJECTS: 'has_projects',
  LEDGER: 'has_ledger',
};

/** All six items present, as SQL over a station aliased `alias`. */
export const allSixSql = (alias: string): string => STANDARD_ITEMS.map((i) => `${alias}.${ITEM_COLUMN[i]}`).join(' AND ');

/**
 * A station's "六有" items over time: each row holds the six flags valid from `validFrom` (null:
 * before the ledgers began) until `validTo` (not counted; null while it lasts). Standardised stations
 * on a day are counted, and listed, from the row valid that day, so a 2025 figure stays as it was
 * after a 2026 change. The station's own flags are the latest row's (the ledger's columns).
 */
@Entity({ tableName: 'station_standard' })
export class StationStandard extends Withdrawable {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', length: 40 })
  stationId!: string;

  @Property({ type: 'date', nullable: true })
  validFrom?: string | null;

  @Property({ type: 'date', nullable: true })
  validTo?: string | null;

  @Property({ type: 'boolean' })
  hasSite = false;

  @Property({ type: 'boolean' })
  hasSign = false;

  @Property({ type: 'boolean' })
  hasTeam = false;

  @Property({ type: 'boolean' })
  hasRules = false;

  @Property({ type: 'boolean' })
  hasProjects = false;

  @Property({ type: 'boolean' })
  hasLedger = false;
}

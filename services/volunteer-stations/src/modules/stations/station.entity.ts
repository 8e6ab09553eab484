import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** The six items of the "六有" standard, in the order the ledger lists them. */
export const STANDARD_ITEMS = ['SITE', 'SIGN', 'TEAM', 'RULES', 'PROJECTS', 'LEDGER'] as const;
export type StandardItem = (typeof STANDARD_ITEMS)[number];

/** Entity property of each standard item. */
export const ITEM_FLAG = {
  SITE: 'hasSite',
  SIGN: 'hasSign',
  TEAM: 'hasTeam',
  RULES: 'hasRules',
  PROJECTS: 'hasProjects',
  LEDGER: 'hasLedger',
} as const satisfies Record<StandardItem, keyof Station>;

/** A volunteer service station (志愿服务站点) with its six "六有" flags. */
@Entity({ tableName: 'station' })
export class Station {
  @PrimaryKey({ type: 'string', length: 20 })
  code!: string;

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
   * Day the last missing item was supplied through updateVolunteerStationStandard. Null for a station
   * the ledger already listed as standard: the ledger does not say since when, so it counts from builtOn.
   */
  @Property({ type: 'date', nullable: true })
  standardizedOn?: string | null;
}

export function missingItems(s: Station): StandardItem[] {
  return STANDARD_ITEMS.filter((item) => !s[ITEM_FLAG[item]]);
}

/** A pilot community of "专业社工+志愿服务" (市级 or 区级). */
@Entity({ tableName: 'pilot' })
export class Pilot {
  @PrimaryKey({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'text' })
  communityName!: string;

  /** CITY (市级) or DISTRICT (区级) */
  @Property({ type: 'string', length: 10 })
  level!: PilotLevel;

  @Property({ type: 'text', nullable: true })
  pilotType?: string | null;

  @Property({ type: 'date' })
  designatedOn!: string;
}

export type PilotLevel = 'CITY' | 'DISTRICT';
export const PILOT_LEVEL_LABEL: Record<string, PilotLevel> = { 市级: 'CITY', 区级: 'DISTRICT' };

import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export const CATEGORIES = ['PARK', 'ENTERPRISE', 'SOCIAL_ORGANIZATION', 'ASSOCIATION'] as const;
export type Category = (typeof CATEGORIES)[number];
export type Formation = 'SINGLE' | 'JOINT';

/** An organisation in the "two new" ledger (园区、非公企业、社会组织、行业协会商会), keyed by its credit code. */
@Entity({ tableName: 'two_new_org' })
export class TwoNewOrganization {
  @PrimaryKey({ type: 'string', length: 18 })
  creditCode!: string;

  @Property({ type: 'text' })
  name!: string;

  @Index()
  @Property({ type: 'string', length: 24 })
  category!: Category;

  /** 是否重点: only key enterprises count in the enterprise coverage rate */
  @Property({ type: 'boolean', default: false })
  isKey: boolean = false;

  /** street (or community) code of where the organisation sits */
  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;

  @Property({ type: 'integer', default: 0 })
  partyMembers: number = 0;
}

/** A Party organisation: standalone (单独组建, one unit) or joint (联合组建, several units). */
@Entity({ tableName: 'party_organization' })
export class PartyOrganization {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** names repeat across standalone organisations (units share names); joint ones are unique by name */
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 8 })
  formation!: Formation;

  /**
   * How the ledger knows it: a joint organisation by its name (JOINT:name), a standalone one by its
   * unit and founding day (SINGLE:creditCode:day). Kept when the organisation is renamed.
   */
  @Unique()
  @Property({ type: 'text' })
  naturalKey!: string;

  /** the earliest day any of its units was covered */
  @Property({ type: 'date' })
  foundedOn!: string;

  /** the street of its units, or the district when they lie in several streets */
  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;
}

/**
 * A unit covered by a Party organisation from `joinedOn` until `leftOn`. A joint organisation takes
 * units in over the years, so coverage as of a day looks here. One stint per unit and organisation:
 * a unit that rejoins reopens its stint.
 */
@Entity({ tableName: 'party_org_unit' })
@Unique({ properties: ['creditCode', 'partyOrganizationId'] })
export class PartyOrgUnit {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', length: 18 })
  creditCode!: string;

  @Index()
  @Property({ type: 'integer' })
  partyOrganizationId!: number;

  @Property({ type: 'date' })
  joinedOn!: string;

  @Property({ type: 'date', nullable: true })
  leftOn?: string | null;
}

/** An instructor assigned to an organisation (work coverage while it has no Party organisation); one stint per pair. */
@Entity({ tableName: 'instructor_assignment' })
@Unique({ properties: ['creditCode', 'instructorCode'] })
export class InstructorAssignment {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', length: 18 })
  creditCode!: string;

  @Index()
  @Property({ type: 'string', length: 20 })
  instructorCode!: string;

  @Property({ type: 'date' })
  assignedOn!: string;

  @Property({ type: 'date', nullable: true })
  withdrawnOn?: string | null;
}

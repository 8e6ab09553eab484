import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord, Withdrawable } from '@district/subgraph-kit';

export type Category = 'PARK' | 'ENTERPRISE' | 'SOCIAL_ORGANIZATION' | 'ASSOCIATION';
export type Formation = 'SINGLE' | 'JOINT';

/**
 * An organization in the "two new" ledger (园区、非公企业、社会组织、行业协会商会), keyed by its credit
 * code (unique everywhere) and belonging to one district. Its Party organization, joining day and
 * instructor are what the ledger (or the app, since) says of it now; the stints in party_org_unit and
 * instructor_assignment keep the history that coverage on a past day is counted from, and follow these
 * columns.
 */
@Entity({ tableName: 'two_new_org' })
export class TwoNewOrganization extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 18 })
  creditCode!: string;

  @Index()
  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Property({ type: 'text' })
  name!: string;

  @Index()
  @Property({ type: 'string', length: 24 })
  category!: Category;

  /** 是否重点: only key enterprises count in the enterprise coverage rate */
  @Property({ type: 'boolean', default: false })
  isKey: boolean = false;

  /** street (or community) code of where the organization sits */
  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;

  @Property({ type: 'integer', default: 0 })
  partyMembers: number = 0;

  /** the Party organization covering it now; null: none */
  @Index()
  @Property({ type: 'integer', nullable: true })
  partyOrganizationId?: number | null;

  /** the day it joined that Party organization */
  @Property({ type: 'date', nullable: true })
  partyJoinedOn?: string | null;

  /** the instructor assigned to it now (global id); null: none */
  @Index()
  @Property({ type: 'string', length: 40, nullable: true })
  instructorId?: string | null;

  /** the key area (重点区域, a party_key_area id of its district) it sits in; null: none */
  @Index()
  @Property({ type: 'string', length: 40, nullable: true })
  keyAreaId?: string | null;
}

/**
 * A Party organization: standalone (单独组建, one unit) or joint (联合组建, several units). No ledger
 * numbers it: its id is a surrogate, shown as "<district>:<id>".
 */
@Entity({ tableName: 'party_organization' })
@Unique({ properties: ['districtCode', 'naturalKey'] })
export class PartyOrganization extends LedgerRecord {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** names repeat across standalone organizations (units share names); joint ones are unique by name within a district */
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 8 })
  formation!: Formation;

  /**
   * How the ledger knows it within its district: a joint organization by its name (JOINT:name), a
   * standalone one by its unit and founding day (SINGLE:creditCode:day). Kept when it is renamed.
   */
  @Property({ type: 'text' })
  naturalKey!: string;

  /** the earliest day any of its units was covered */
  @Property({ type: 'date' })
  foundedOn!: string;

  /** the street of its units, or the district's node when they lie in several streets */
  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;
}

/**
 * A unit covered by a Party organization from `joinedOn` until `leftOn`. A joint organization takes
 * units in over the years, so coverage as of a day looks here. One stint per unit and organization:
 * a unit that rejoins reopens its stint.
 */
@Entity({ tableName: 'party_org_unit' })
@Unique({ properties: ['creditCode', 'partyOrganizationId'] })
export class PartyOrgUnit extends Withdrawable {
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

/**
 * An instructor assigned to an organization (work coverage while it has no Party organization), until
 * recalled (撤回); one stint per pair.
 */
@Entity({ tableName: 'instructor_assignment' })
@Unique({ properties: ['creditCode', 'instructorId'] })
export class InstructorAssignment extends Withdrawable {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', length: 18 })
  creditCode!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  instructorId!: string;

  @Property({ type: 'date' })
  assignedOn!: string;

  /** the day the instructor was recalled (撤回, the API's `withdrawnOn`); not a withdrawal of a record entered by mistake */
  @Property({ type: 'date', nullable: true })
  recalledOn?: string | null;
}

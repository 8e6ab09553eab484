import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

/**
 * The district's own ledgers of the working committee: no region column, so each row belongs to a
 * district and sits at its node (region_code = "<district>000000"). Member units and industry
 * committees are known by name, unique within a district: the id is "<district>:<name>".
 */

/** A member unit of the district's "two new" working committee (两新工委成员单位). */
@Entity({ tableName: 'committee_member_unit' })
@Unique({ properties: ['districtCode', 'name'] })
export class CommitteeMemberUnit extends LedgerRecord {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'date' })
  joinedOn!: string;

  @Property({ type: 'date', nullable: true })
  leftOn?: string | null;

  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;
}

/** An industry Party committee (行业党委). */
@Entity({ tableName: 'industry_committee' })
@Unique({ properties: ['districtCode', 'name'] })
export class IndustryCommittee extends LedgerRecord {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  industry!: string;

  @Index()
  @Property({ type: 'date' })
  foundedOn!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;
}

/** A training session for instructors or Party secretaries, with its person-times (参训人次); numbered by the district. */
@Entity({ tableName: 'party_training' })
@Unique({ properties: ['districtCode', 'number'] })
export class PartyTraining extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 培训编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Property({ type: 'text' })
  name!: string;

  @Index()
  @Property({ type: 'date' })
  heldOn!: string;

  @Property({ type: 'text' })
  participantCategory!: string;

  @Property({ type: 'integer' })
  personTimes!: number;

  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;
}

import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** A member unit of the district's "two new" working committee (两新工委成员单位). */
@Entity({ tableName: 'committee_member_unit' })
export class CommitteeMemberUnit {
  @PrimaryKey({ type: 'text' })
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
export class IndustryCommittee {
  @PrimaryKey({ type: 'text' })
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

/** A training session for instructors or Party secretaries, with its person-times (参训人次). */
@Entity({ tableName: 'party_training' })
export class PartyTraining {
  @PrimaryKey({ type: 'string', length: 20 })
  code!: string;

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

import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

export type Committee = 'PARTY' | 'RESIDENTS' | 'SUPERVISORY';
export type ElectedPost = 'SECRETARY' | 'DEPUTY_SECRETARY' | 'DIRECTOR' | 'DEPUTY_DIRECTOR' | 'MEMBER';

/**
 * A community's election of its three committees (社区"三委"换届: Party committee, residents'
 * committee, supervisory committee): held on a day, completed on a day, with the seats of each
 * committee. Its number is the district's own.
 */
@Entity({ tableName: 'community_election' })
@Unique({ properties: ['districtCode', 'number'] })
export class CommunityElection extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 换届编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  /** 届次, e.g. 第十二届 */
  @Property({ type: 'text', nullable: true })
  term?: string | null;

  /** 选举日期 */
  @Property({ type: 'date' })
  heldOn!: string;

  /** 换届完成日期: the day the new committees took office; null while the election is under way */
  @Index()
  @Property({ type: 'date', nullable: true })
  completedOn?: string | null;

  @Property({ type: 'smallint', default: 0 })
  partySeats!: number;

  @Property({ type: 'smallint', default: 0 })
  residentsSeats!: number;

  @Property({ type: 'smallint', default: 0 })
  supervisorySeats!: number;
}

/**
 * Who was elected into which post of which committee (a community worker, by staff number). A
 * completed election feeds the workers' posts: from its completion day the secretary holds the
 * post 社区党组织书记, the director 居委会主任, the other members 两委委员 (监督委员会 members keep theirs).
 */
@Entity({ tableName: 'election_result' })
@Unique({ properties: ['electionId', 'committee', 'workerId'] })
export class ElectionResult extends LedgerRecord {
  /** "<election id>:<committee>:<staff number>" */
  @PrimaryKey({ type: 'string', length: 100 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  electionId!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'string', length: 12 })
  committee!: Committee;

  @Property({ type: 'string', length: 20 })
  post!: ElectedPost;

  @Index()
  @Property({ type: 'string', length: 40 })
  workerId!: string;
}

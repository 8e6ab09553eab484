import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord, Withdrawable } from '@district/subgraph-kit';

export type WorkerRole = 'PARTY_SECRETARY' | 'COMMITTEE_DIRECTOR' | 'COMMITTEE_MEMBER' | 'COMMUNITY_WORKER' | 'GRID_WORKER';
export type WorkerTier = 'LEAD' | 'BACKBONE' | 'NEWCOMER';

/**
 * A community or grid worker (社区工作者台账). The staff number (工号) is the district's own: the id is
 * "<district>:<staff number>". Post fields are the current post; `posts` keep the history.
 */
@Entity({ tableName: 'worker' })
@Unique({ properties: ['districtCode', 'staffNumber'] })
export class Worker extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 工号 */
  @Property({ type: 'string', length: 30 })
  staffNumber!: string;

  @Index()
  @Property({ type: 'bigint' })
  personId!: string;

  @Property({ type: 'text', nullable: true })
  gender?: string | null;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'string', length: 20 })
  role!: WorkerRole;

  @Property({ type: 'string', length: 10, nullable: true })
  tier?: WorkerTier | null;

  @Property({ type: 'string', length: 14, nullable: true })
  gridCode?: string | null;

  @Property({ type: 'date' })
  hiredOn!: string;

  @Property({ type: 'date', nullable: true })
  leftOn?: string | null;

  @Property({ type: 'text', nullable: true })
  politicalStatus?: string | null;

  @Property({ type: 'text', nullable: true })
  education?: string | null;
}

/**
 * Where a worker served from one day to another. Head counts at a date read these rows, so a move
 * (another community, grid, role or tier) changes counts from its day on and leaves earlier days as
 * they were. `toOn` is exclusive: the day of a move or of leaving no longer counts. A worker's posts
 * follow one another without gaps or overlaps; a withdrawn worker's posts are withdrawn with it.
 */
@Entity({ tableName: 'worker_post' })
@Unique({ properties: ['workerId', 'fromOn'] })
// "grids without a grid worker" probes each grid's grid-worker posts: from this index alone, or the
// planner hashes every district's posts once per period (98 ms at 100 districts, 1 ms with it)
@Index({
  name: 'worker_post_grid_worker_index',
  expression: `create index "worker_post_grid_worker_index" on "worker_post" ("grid_code", "from_on", "to_on") where "role" = 'GRID_WORKER'`,
})
export class WorkerPost extends Withdrawable {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  workerId!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'string', length: 20 })
  role!: WorkerRole;

  @Property({ type: 'string', length: 10, nullable: true })
  tier?: WorkerTier | null;

  @Index()
  @Property({ type: 'string', length: 14, nullable: true })
  gridCode?: string | null;

  @Property({ type: 'date' })
  fromOn!: string;

  @Property({ type: 'date', nullable: true })
  toOn?: string | null;

  /** the community election that gave this post (elected-posts.ts), so a correction of it can take the post back */
  @Property({ type: 'string', length: 40, nullable: true })
  electedBy?: string | null;
}

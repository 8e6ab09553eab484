import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

export type TalentCategory = 'CERTIFIED' | 'RESERVE' | 'SPECIALIST' | 'VOLUNTEER_BACKBONE' | 'OTHER';

/**
 * A person entered in a social-work talent pool (社工人才库) kept by the district, a street or a
 * community, in a category (持证社工, 社区工作者后备, 专业人才 …), from the day entered until the day
 * they left it. The person is the district's own person record (found by ID number, as certificates
 * are), so a pool member who is also a community worker is linked to the worker through it.
 */
@Entity({ tableName: 'talent_pool_member' })
@Unique({ properties: ['districtCode', 'number'] })
export class TalentPoolMember extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 登记编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  /** the pool's node: the district, a street or a community */
  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;

  @Index()
  @Property({ type: 'bigint' })
  personId!: string;

  @Property({ type: 'string', length: 20 })
  category!: TalentCategory;

  /** 专长 */
  @Property({ type: 'text', nullable: true })
  specialty?: string | null;

  @Index()
  @Property({ type: 'date' })
  enteredOn!: string;

  /** 出库日期: the first day no longer in the pool */
  @Property({ type: 'date', nullable: true })
  leftOn?: string | null;
}

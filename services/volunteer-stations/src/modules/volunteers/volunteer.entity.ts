import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * A registered volunteer. The public key is the volunteer number (志愿者编号), stored as `code`; the
 * ID number only prevents registering one person twice and is never used to look a volunteer up.
 */
@Entity({ tableName: 'volunteer' })
export class Volunteer {
  @PrimaryKey({ type: 'string', length: 20 })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Unique()
  @Property({ type: 'string', length: 18 })
  idNumber!: string;

  @Property({ type: 'string', length: 11, nullable: true })
  phone?: string | null;

  @Property({ type: 'date' })
  registeredOn!: string;

  @Index()
  @Property({ type: 'string', length: 20 })
  stationCode!: string;

  /** the station's community, so scope and figures need no join */
  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'text', nullable: true })
  politicalStatus?: string | null;
}

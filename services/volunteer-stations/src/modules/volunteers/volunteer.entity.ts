import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';
import type { PersonColumns } from '@district/common';

/**
 * A registered volunteer. The volunteer number (志愿者编号) is the district's own: the id is
 * "<district>:<volunteer number>". The ID number keeps a person from registering twice in one
 * district and is never used to look a volunteer up.
 */
@Entity({ tableName: 'volunteer' })
@Unique({ properties: ['districtCode', 'number'] })
@Unique({ properties: ['districtCode', 'idNumber'] })
export class Volunteer extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 志愿者编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 18 })
  idNumber!: string;

  @Property({ type: 'string', length: 11, nullable: true })
  phone?: string | null;

  @Property({ type: 'date' })
  registeredOn!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  stationId!: string;

  /** the station's community, so scope and figures need no join */
  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'text', nullable: true })
  politicalStatus?: string | null;

  /** the person id across the graph: the keyed hash of the ID number (@district/common persons.ts) */
  @Index()
  @Property({ type: 'string', length: 64, nullable: true })
  personHash?: string | null;
}

/** Where this subgraph keeps ID numbers and the person ids beside them (start-up fills and re-keys them). */
export const VOLUNTEER_PERSON_IDS: PersonColumns = { table: 'volunteer', idNumber: 'id_number', personId: 'person_hash' };

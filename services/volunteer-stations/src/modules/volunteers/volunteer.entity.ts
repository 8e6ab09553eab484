import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord, Withdrawable } from '@district/subgraph-kit';
import type { PersonColumns } from '@district/common';

/**
 * A registered volunteer. The volunteer number (志愿者编号) is the district's own: the id is
 * "<district>:<volunteer number>". The ID number keeps a person from registering twice in one
 * district (a withdrawn registration aside) and is never used to look a volunteer up.
 */
@Entity({ tableName: 'volunteer' })
@Unique({ properties: ['districtCode', 'number'] })
// one live registration per person and district: a registration withdrawn by mistake does not keep the person out
@Unique({
  name: 'volunteer_district_code_id_number_unique',
  expression:
    'create unique index "volunteer_district_code_id_number_unique" on "volunteer" ("district_code", "id_number") where "withdrawn_on" is null',
})
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

  /** the day the volunteer left (退出); null while registered. Set in the app: the ledger has no such column */
  @Property({ type: 'date', nullable: true })
  leftOn?: string | null;

  /** the person id across the graph: the keyed hash of the ID number (@district/common persons.ts) */
  @Index()
  @Property({ type: 'string', length: 64, nullable: true })
  personHash?: string | null;
}

/**
 * Where a volunteer served from one day to another: registered with a station, moved to another, left.
 * Counts of volunteers on a day, and lists on a day, place each volunteer by the stint of that day;
 * stints follow one another, the first from the registration day, the last ended by leaving.
 */
@Entity({ tableName: 'volunteer_stint' })
export class VolunteerStint extends Withdrawable {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', length: 40 })
  volunteerId!: string;

  @Property({ type: 'string', length: 40 })
  stationId!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'date' })
  fromOn!: string;

  @Property({ type: 'date', nullable: true })
  toOn?: string | null;
}

/** Where this subgraph keeps ID numbers and the person ids beside them (start-up fills and re-keys them). */
export const VOLUNTEER_PERSON_IDS: PersonColumns = { table: 'volunteer', idNumber: 'id_number', personId: 'person_hash' };

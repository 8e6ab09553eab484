import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

/**
 * One person across a district's ledgers, found by ID number: a worker, a certificate holder and an
 * exam registrant can be the same person. Each district keeps its own record of a person (an import
 * never changes another district's rows). Rows elsewhere point at the surrogate id, never at the ID
 * number, so the ID number lives in one place and leaves the API only through @personal fields.
 */
@Entity({ tableName: 'person' })
@Unique({ properties: ['districtCode', 'idNumber'] })
export class Person extends LedgerRecord {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Property({ type: 'string', length: 18 })
  idNumber!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 11, nullable: true })
  phone?: string | null;
}

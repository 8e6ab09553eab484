import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One person across the ledgers, found by ID number: a worker, a certificate holder and an exam
 * registrant can be the same person. Rows elsewhere point at the surrogate id, never at the ID
 * number, so the ID number lives in one place and leaves the API only through @personal fields.
 */
@Entity({ tableName: 'person' })
export class Person {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'string', length: 18, unique: true })
  idNumber!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 11, nullable: true })
  phone?: string | null;
}

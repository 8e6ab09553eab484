import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Withdrawable } from '@district/subgraph-kit';

/**
 * One evaluation grade an organisation was awarded, valid from 1 January of its year until its five
 * years are over or a later grade takes its place (`validTo`, not counted). A new grade no longer
 * overwrites the last one: figures and lists as of a day read the grade valid that day. The
 * organisation's row keeps its current grade (the ledger's columns); these rows follow it
 * (grades.ts).
 */
@Entity({ tableName: 'organization_grade' })
@Unique({ properties: ['organizationCode', 'year'] })
export class OrganizationGrade extends Withdrawable {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', length: 18 })
  organizationCode!: string;

  /** 1–5 (1A–5A) */
  @Property({ type: 'smallint' })
  level!: number;

  @Property({ type: 'smallint' })
  year!: number;

  @Property({ type: 'date' })
  validFrom!: string;

  @Property({ type: 'date' })
  validTo!: string;
}

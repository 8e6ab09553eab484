import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

export type DeliberationStatus = 'RAISED' | 'HANDLING' | 'CLOSED';

/** A deliberation topic (议事议题) and its closed loop: raised → handled → closed. */
@Entity({ tableName: 'deliberation' })
export class Deliberation {
  /** 议题编号 */
  @PrimaryKey({ type: 'string', length: 20 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'text' })
  title!: string;

  /** e.g. 五步议事法; methods are the communities' own names, so free text */
  @Property({ type: 'text' })
  method!: string;

  @Index()
  @Property({ type: 'date' })
  raisedOn!: string;

  @Property({ type: 'date', nullable: true })
  handledOn?: string | null;

  @Property({ type: 'date', nullable: true })
  closedOn?: string | null;

  @Property({ type: 'string', length: 10 })
  status!: DeliberationStatus;
}

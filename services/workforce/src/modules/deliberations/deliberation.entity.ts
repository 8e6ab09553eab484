import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';
import type { DeliberationMethodKind } from './methods';

export type DeliberationStatus = 'RAISED' | 'HANDLING' | 'CLOSED';

/** A deliberation topic (议事议题) and its closed loop: raised → in hand → closed. Its number is the district's own. */
@Entity({ tableName: 'deliberation' })
@Unique({ properties: ['districtCode', 'number'] })
export class Deliberation extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 议题编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'text' })
  title!: string;

  /** e.g. 五步议事法; methods are the communities' own names, so free text */
  @Property({ type: 'text' })
  method!: string;

  /** the kind of method, for filters and figures: given, or the kind the method's text names (methods.ts) */
  @Property({ type: 'string', length: 40, default: 'OTHER' })
  methodKind!: DeliberationMethodKind;

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

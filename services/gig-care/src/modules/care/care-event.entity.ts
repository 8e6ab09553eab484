import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

export type CareEventKind = 'KNIGHT_FESTIVAL' | 'OTHER';

/** A district-wide care event; the ledger names no community, so it counts at the district node. */
@Entity({ tableName: 'gig_care_event' })
export class GigCareEvent {
  @PrimaryKey({ type: 'string', length: 20 })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 20 })
  kind!: CareEventKind;

  @Property({ type: 'date' })
  heldOn!: string;

  @Property({ type: 'integer' })
  served!: number;

  @Property({ type: 'text', nullable: true })
  partnerName?: string | null;
}

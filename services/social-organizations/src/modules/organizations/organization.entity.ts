import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';
import type { SocialOrganizationType, SocialServiceField } from '../../generated/graphql';

/**
 * A registered organisation (key: unified social credit code) or a filed community social
 * organisation (key: filing number 备案编号) in one table: both are counted together by type, field
 * and status, and a mediation case or project names either by the same column. Both keys are
 * national (a filing number embeds its street's code), so they stay the key; `districtCode` says
 * whose ledger the row belongs to. Deregistered organisations stay, so every count as of an earlier
 * day still sees them.
 */
@Entity({ tableName: 'social_organization' })
export class SocialOrganization extends LedgerRecord {
  /** credit code (18 characters) or filing number (BA + 9-digit street prefix + 4 digits) */
  @PrimaryKey({ type: 'string', length: 18 })
  code!: string;

  /** the district (6-digit county code) whose ledger holds it */
  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Property({ type: 'text' })
  name!: string;

  @Index()
  @Property({ type: 'string', length: 24 })
  orgType!: SocialOrganizationType;

  /** 登记管理机关 (a civil affairs bureau) or, for a filed organisation, the street office */
  @Property({ type: 'text', nullable: true })
  registrationAuthority?: string | null;

  /** 业务主管单位 */
  @Property({ type: 'text', nullable: true })
  supervisingUnit?: string | null;

  @Property({ type: 'date' })
  foundedOn!: string;

  @Property({ type: 'string', length: 12 })
  streetCode!: string;

  @Property({ type: 'string', length: 12, nullable: true })
  communityCode?: string | null;

  /** the community when there is one, else the street: where figures count it and whose scope sees it */
  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;

  @Index()
  @Property({ type: 'string', length: 24 })
  field!: SocialServiceField;

  /** 法定代表人 (负责人 of a filed organisation): personal data */
  @Property({ type: 'text', nullable: true })
  legalRepresentative?: string | null;

  /** null while active; the status is derived from it so the two can never disagree */
  @Property({ type: 'date', nullable: true })
  deregisteredOn?: string | null;

  @Property({ type: 'text', nullable: true })
  deregistrationReason?: string | null;

  /** evaluation grade 1–5 (1A–5A) and the year it was awarded; valid for five years */
  @Property({ type: 'smallint', nullable: true })
  gradeLevel?: number | null;

  @Property({ type: 'smallint', nullable: true })
  gradeYear?: number | null;
}

import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import type { InspectionResult } from '../../vocabulary';
import { SocialOrganization } from '../organizations/organization.entity';

/** One registered organisation's annual inspection (年检) result for one year. */
@Entity({ tableName: 'annual_inspection' })
export class AnnualInspection {
  [PrimaryKeyProp]?: ['organization', 'year'];

  @ManyToOne({ entity: () => SocialOrganization, primary: true, fieldName: 'organization_code', deleteRule: 'restrict' })
  organization!: SocialOrganization;

  @PrimaryKey({ type: 'smallint' })
  year!: number;

  @Property({ type: 'string', length: 24 })
  result!: InspectionResult;
}

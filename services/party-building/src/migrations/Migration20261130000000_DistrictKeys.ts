import { Migration } from '@mikro-orm/migrations';
import { addDistrictColumn, localKeyToGlobalId } from '@district/subgraph-kit';

/** Every row of the first release sits at a node of its district: the district's own ledgers at its node. */
const DISTRICT_OF_ROW = 'left(region_code, 6)';

/**
 * A table keyed by a name unique within a district (成员单位, 行业党委) gets the global id
 * "<district>:<name>" and keeps the name: names are longer than the numbers localKeyToGlobalId holds.
 */
function nameKeyToGlobalId(table: string): string[] {
  return [
    `alter table "${table}" add column "district_code" varchar(6) null, add column "id" text null, add column "imported_values" jsonb null;`,
    `update "${table}" set "district_code" = ${DISTRICT_OF_ROW}, "id" = ${DISTRICT_OF_ROW} || ':' || "name";`,
    `alter table "${table}" drop constraint "${table}_pkey";`,
    `alter table "${table}" alter column "district_code" set not null, alter column "id" set not null, add constraint "${table}_pkey" primary key ("id");`,
    `alter table "${table}" add constraint "${table}_district_code_name_unique" unique ("district_code", "name");`,
  ];
}

/**
 * Every district in one deployment (issue 12): instructor numbers, contact record numbers, training
 * numbers, member-unit and industry-committee names become unique within a district, ids global
 * (e.g. 410106:ZDY001); organizations and Party organizations belong to a district; an organization's
 * row says which Party organization and instructor it has now (its stints keep the history); every
 * ledger row keeps a snapshot of what the last import wrote. Existing rows keep their data and their
 * references.
 */
export class Migration20261130000000_DistrictKeys extends Migration {
  override async up(): Promise<void> {
    const statements = [
      ...localKeyToGlobalId({
        table: 'party_instructor',
        key: 'code',
        number: 'number',
        districtFrom: DISTRICT_OF_ROW,
        referencedBy: [
          { table: 'instructor_assignment', column: 'instructor_code' },
          { table: 'instructor_contact', column: 'instructor_code' },
        ],
      }),
      `alter table "instructor_assignment" rename column "instructor_code" to "instructor_id";`,
      `alter index "instructor_assignment_instructor_code_index" rename to "instructor_assignment_instructor_id_index";`,
      `alter table "instructor_assignment" rename constraint "instructor_assignment_credit_code_instructor_code_unique" to "instructor_assignment_credit_code_instructor_id_unique";`,
      `alter table "instructor_contact" rename column "instructor_code" to "instructor_id";`,
      `alter index "instructor_contact_instructor_code_index" rename to "instructor_contact_instructor_id_index";`,
      ...localKeyToGlobalId({ table: 'instructor_contact', key: 'code', number: 'number', districtFrom: DISTRICT_OF_ROW }),
      ...localKeyToGlobalId({ table: 'party_training', key: 'code', number: 'number', districtFrom: DISTRICT_OF_ROW }),
      ...nameKeyToGlobalId('committee_member_unit'),
      ...nameKeyToGlobalId('industry_committee'),

      ...addDistrictColumn('party_organization', DISTRICT_OF_ROW),
      `alter table "party_organization" drop constraint "party_organization_natural_key_unique";`,
      `alter table "party_organization" add constraint "party_organization_district_code_natural_key_unique" unique ("district_code", "natural_key");`,

      ...addDistrictColumn('two_new_org', DISTRICT_OF_ROW),
      `alter table "two_new_org" add column "party_organization_id" int null, add column "party_joined_on" date null, add column "instructor_id" varchar(40) null;`,
      `update "two_new_org" o set "party_organization_id" = u.party_organization_id, "party_joined_on" = u.joined_on
        from "party_org_unit" u where u.credit_code = o.credit_code and u.left_on is null;`,
      `update "two_new_org" o set "instructor_id" = a.instructor_id
        from "instructor_assignment" a where a.credit_code = o.credit_code and a.withdrawn_on is null;`,
      `create index "two_new_org_district_code_index" on "two_new_org" ("district_code");`,
      `create index "two_new_org_party_organization_id_index" on "two_new_org" ("party_organization_id");`,
      `create index "two_new_org_instructor_id_index" on "two_new_org" ("instructor_id");`,
    ];
    for (const statement of statements) this.addSql(statement);
  }
}

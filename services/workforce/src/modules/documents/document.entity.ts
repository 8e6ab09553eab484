import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

export type DocumentKind =
  | 'GUIDE'
  | 'CARD'
  | 'NOTICE'
  | 'RULES'
  | 'PLAN'
  | 'TASK_LIST'
  | 'DUTY_LIST'
  | 'MATTER_LIST'
  | 'NEGATIVE_LIST'
  | 'CERTIFICATE_LIST'
  | 'REPORT'
  | 'OTHER';
export type WorkLine = 'PARTY_BUILDING' | 'WORKFORCE' | 'SOCIAL_ORGANIZATIONS' | 'VOLUNTEER' | 'GIG_CARE';
export type DocumentItemKind = 'MATTER' | 'DUTY' | 'NEGATIVE' | 'TASK' | 'CERTIFICATE' | 'DIVISION' | 'OTHER';

/**
 * A document an office issues (印发、下发、发布): a guide, a card, a notice, rules, a plan, a list
 * (任务清单, 职责清单, 三张清单, 证明事项清单) or a report, for one line of work, on its day. It sits
 * at its issuer (the district, a street, a community or a grid), so a street's count takes in its
 * communities' and grids' documents; `subjectCode` names the place a sub-report or list is about.
 */
@Entity({ tableName: 'document' })
@Unique({ properties: ['districtCode', 'number'] })
export class Document extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 登记编号: the district's own register number (文号, when it has one, is `documentNumber`) */
  @Property({ type: 'string', length: 30 })
  number!: string;

  /** 发文单位所在区划: district, street or community code, or a 14-digit grid code */
  @Index()
  @Property({ type: 'string', length: 14 })
  regionCode!: string;

  @Property({ type: 'string', length: 20 })
  kind!: DocumentKind;

  @Property({ type: 'string', length: 24 })
  line!: WorkLine;

  @Property({ type: 'text' })
  title!: string;

  @Index()
  @Property({ type: 'date' })
  issuedOn!: string;

  /** 涉及区划: the community (street, grid) a sub-report or list is about */
  @Property({ type: 'string', length: 14, nullable: true })
  subjectCode?: string | null;

  /** 文号 */
  @Property({ type: 'string', length: 60, nullable: true })
  documentNumber?: string | null;

  /** 摘要: a report's narrative, a guide's gist */
  @Property({ type: 'text', nullable: true })
  summary?: string | null;
}

/**
 * One item of a list (清单事项): a task with its deadline (完成时限) and the day it was done, a duty
 * of a post or a worker (班子分工、岗位职责), a matter, a negative item, a certificate a community may
 * issue. It keeps its document's place (`regionCode`, following the document) so it is counted and
 * listed where the document is.
 */
@Entity({ tableName: 'document_item' })
@Unique({ properties: ['districtCode', 'number'] })
export class DocumentItem extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 事项编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  documentId!: string;

  @Index()
  @Property({ type: 'string', length: 14 })
  regionCode!: string;

  @Property({ type: 'string', length: 20, nullable: true })
  kind?: DocumentItemKind | null;

  @Property({ type: 'text' })
  title!: string;

  /** 岗位 (党委书记, 网格员 …) */
  @Property({ type: 'text', nullable: true })
  post?: string | null;

  /** 责任人: a worker's global id */
  @Property({ type: 'string', length: 40, nullable: true })
  assigneeId?: string | null;

  /** 完成时限 */
  @Index()
  @Property({ type: 'date', nullable: true })
  dueOn?: string | null;

  /** 完成日期 */
  @Index()
  @Property({ type: 'date', nullable: true })
  doneOn?: string | null;
}

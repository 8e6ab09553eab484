/**
 * The ledgers' Chinese terms and the schema's enum values, one table per vocabulary. The database
 * stores the enum value, so figures and filters never depend on how an office spelled a term.
 */
export const ORG_TYPES = {
  SOCIAL_GROUP: '社会团体',
  PRIVATE_NON_ENTERPRISE: '民办非企业单位',
  FOUNDATION: '基金会',
  COMMUNITY: '社区社会组织',
} as const;
export type OrgType = keyof typeof ORG_TYPES;

/** Registered with a civil affairs bureau and keyed by credit code; the rest are filed with a street. */
export const REGISTERED_TYPES: readonly OrgType[] = ['SOCIAL_GROUP', 'PRIVATE_NON_ENTERPRISE', 'FOUNDATION'];

export const SERVICE_FIELDS = {
  CHARITY: '慈善公益',
  VOLUNTEERING: '志愿服务',
  ELDERLY_CARE: '养老服务',
  CULTURE_SPORTS: '文体活动',
  CHILDCARE: '托育服务',
  EDUCATION: '教育培训',
  MEDIATION: '矛盾纠纷调解',
  OTHER: '其他',
} as const;
export type ServiceField = keyof typeof SERVICE_FIELDS;

/** A mediation organisation is one whose service field is dispute mediation (专业矛调组织). */
export const MEDIATION_FIELD: ServiceField = 'MEDIATION';

export const ORG_STATUSES = { ACTIVE: '正常', DEREGISTERED: '注销' } as const;
export type OrgStatus = keyof typeof ORG_STATUSES;

export const INSPECTION_RESULTS = {
  QUALIFIED: '合格',
  BASICALLY_QUALIFIED: '基本合格',
  UNQUALIFIED: '不合格',
  NOT_INSPECTED: '未参检',
} as const;
export type InspectionResult = keyof typeof INSPECTION_RESULTS;

export const GRADES = { GRADE_1A: '1A', GRADE_2A: '2A', GRADE_3A: '3A', GRADE_4A: '4A', GRADE_5A: '5A' } as const;
export type Grade = keyof typeof GRADES;

export const DISPUTE_TYPES = {
  NEIGHBOURHOOD: '邻里纠纷',
  PROPERTY_MANAGEMENT: '物业纠纷',
  CONSUMER: '消费纠纷',
  LABOUR: '劳资纠纷',
  FAMILY: '家庭纠纷',
  OTHER: '其他',
} as const;
export type DisputeType = keyof typeof DISPUTE_TYPES;

export const MEDIATION_RESULTS = { RESOLVED: '调解成功', UNRESOLVED: '调解不成功', IN_PROGRESS: '调解中' } as const;
export type MediationResult = keyof typeof MEDIATION_RESULTS;

export const PROJECT_MODES = {
  CROWDFUNDING_PARTNER: '众筹+社区合伙人',
  GOVERNMENT_PURCHASE: '政府购买',
  VENTURE_PHILANTHROPY: '公益创投',
} as const;
export type ProjectMode = keyof typeof PROJECT_MODES;

export const PROJECT_STATUSES = { IN_PROGRESS: '实施中', COMPLETED: '已结项' } as const;
export type ProjectStatus = keyof typeof PROJECT_STATUSES;

/** The enum value of a ledger term (the ledger validator has already checked it is one of the labels). */
export function codeOf<T extends Record<string, string>>(table: T, label: string): keyof T {
  const hit = Object.entries(table).find(([, l]) => l === label);
  if (!hit) throw new Error(`unknown term: ${label}`);
  return hit[0] as keyof T;
}

export const labels = <T extends Record<string, string>>(table: T): string[] => Object.values(table);

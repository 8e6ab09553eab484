import type { SocialOrganizationType } from '../../generated/graphql';

/**
 * How the two kinds of organisation are keyed, and the rules their keys follow beyond GB 32100
 * (which @district/common checks): the domain's own, shared by the ledger and the mutations.
 */

/** Registered with a civil affairs bureau and keyed by credit code; the rest are filed with a street. */
export const REGISTERED_TYPES: readonly SocialOrganizationType[] = ['SOCIAL_GROUP', 'PRIVATE_NON_ENTERPRISE', 'FOUNDATION'];

export const isRegisteredType = (type: SocialOrganizationType): boolean => REGISTERED_TYPES.includes(type);

/** A mediation organisation (专业矛调组织) is one whose service field is dispute mediation. */
export const MEDIATION_FIELD = 'MEDIATION' as const;

/** GB 32100 second character by organisation type: civil affairs (5) registers 1 社会团体, 2 民办非企业单位, 3 基金会. */
const CREDIT_CODE_PREFIX: Partial<Record<SocialOrganizationType, string>> = {
  SOCIAL_GROUP: '51',
  PRIVATE_NON_ENTERPRISE: '52',
  FOUNDATION: '53',
};

/** Why a (valid) credit code does not fit the organisation's type, or null when it does. */
export function creditCodeTypeProblem(code: string, type: SocialOrganizationType): string | null {
  const prefix = CREDIT_CODE_PREFIX[type];
  if (!prefix) return '社区社会组织按备案编号登记 / a community organization is filed with a filing number, not a credit code';
  return code.startsWith(prefix) ? null : `该类型的信用代码应以${prefix}开头 / the credit code of this type starts with ${prefix}`;
}

/** 备案编号: BA, the street's 9-digit code prefix (so the number is unique nationally), 4 digits. */
export const FILING_NUMBER = /^BA\d{13}$/;

/** Why a filing number does not fit its street, or null when it does. */
export function filingNumberProblem(filingNumber: string, streetCode: string): string | null {
  if (!FILING_NUMBER.test(filingNumber)) return '备案编号应为BA加13位数字 / a filing number is BA followed by 13 digits';
  if (filingNumber.slice(2, 11) !== streetCode.slice(0, 9))
    return '备案编号第3–11位应为所属街道代码前9位 / characters 3–11 must be the street code prefix';
  return null;
}

/** A credit code (GB 32100 alphabet) or a filing number, as ledgers name an organisation. */
export const ORGANIZATION_CODE = /^([0-9A-HJ-NPQRTUWXY]{18}|BA\d{13})$/;

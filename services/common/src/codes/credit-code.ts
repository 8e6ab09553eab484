import { halfWidthAlnum, lengthProblem, stripCodeSpaces, type CodeProblem } from './problem';

/** GB 32100 alphabet: digits and capitals without I, O, S, V, Z. A character's value is its index. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714 organisation code (characters 9–17): weights over its first 8 characters. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export function normaliseCreditCode(s: string): string {
  return halfWidthAlnum(stripCodeSpaces(s)).toUpperCase();
}

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** GB 11714 check character of an 8-character organisation code body (digits 0–9, letters A=10 … Z=35). */
export function organisationCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i], 36) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * The problem with an 18-character unified social credit code, or null when it is valid.
 * Both checks apply: the GB 32100 18th character and the GB 11714 organisation code inside it. All
 * 1 200+ real codes of the Shangjie ledgers (organisations, two-new organisations, visits, inspections,
 * projects, mediation) pass both, so the embedded check stays.
 */
export function creditCodeProblem(s: string): CodeProblem | null {
  const code = normaliseCreditCode(s);
  if (code.length !== 18) return lengthProblem(code.length, 18);
  const bad = [...code].findIndex((c) => !CHARSET.includes(c));
  if (bad >= 0) {
    return { kind: 'format', reason: `第${bad + 1}位字符“${code[bad]}”不允许 / character ${bad + 1} ('${code[bad]}') not allowed` };
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { kind: 'format', reason: '第3–8位应为行政区划码 / characters 3–8 must be a region code' };
  if (creditCodeCheckChar(code) !== code[17]) {
    return { kind: 'checksum', reason: '第18位校验码错误 / wrong check character (GB 32100)' };
  }
  if (organisationCodeCheckChar(code.slice(8, 16)) !== code[16]) {
    return { kind: 'checksum', reason: '组织机构代码校验位错误 / wrong organisation-code check character (GB 11714)' };
  }
  return null;
}

/** Null when `s` is a valid GB 32100 unified social credit code, else a short reason. */
export function checkCreditCode(s: string): string | null {
  return creditCodeProblem(s)?.reason ?? null;
}

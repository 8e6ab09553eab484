import { halfWidthAlnum, lengthProblem, stripCodeSpaces, type CodeProblem } from './problem';

/** GB 11643 weights over the first 17 digits; sum mod 11 indexes CHECK_CHARS. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Uppercase, half-width, without spaces: the form an ID number is stored and compared in. */
export function normaliseIdNumber(s: string): string {
  return halfWidthAlnum(stripCodeSpaces(s)).toUpperCase();
}

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** The problem with an 18-character resident ID number, or null when it is valid. */
export function idNumberProblem(s: string): CodeProblem | null {
  const id = normaliseIdNumber(s);
  if (id.length !== 18) return lengthProblem(id.length, 18);
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { kind: 'format', reason: '前17位应为数字，末位为数字或X / 17 digits then a digit or X expected' };
  }
  if (id[0] === '0') return { kind: 'format', reason: '地区码无效 / invalid region code' };
  const y = Number(id.slice(6, 10));
  // people born before 1900 hold no 18-digit ID; the upper bound catches typos like 2090
  if (y < 1900 || y > 2100 || !isRealDate(y, Number(id.slice(10, 12)), Number(id.slice(12, 14)))) {
    return { kind: 'format', reason: '出生日期无效 / invalid birth date' };
  }
  if (idNumberCheckChar(id) !== id[17]) return { kind: 'checksum', reason: '校验位错误 / wrong check digit' };
  return null;
}

/** Null when `s` is a valid GB 11643 resident ID number, else a short reason that never quotes it. */
export function checkIdNumber(s: string): string | null {
  return idNumberProblem(s)?.reason ?? null;
}

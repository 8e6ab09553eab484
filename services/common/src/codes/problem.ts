/**
 * What is wrong with a code, for the ledger validator: `format` (length, characters, embedded date)
 * or `checksum` (well-formed but the check character disagrees). Reasons are Chinese first, then
 * English, and never contain the code itself: ID numbers are sensitive personal information.
 */
export interface CodeProblem {
  kind: 'format' | 'checksum';
  reason: string;
}

export const lengthProblem = (actual: number, expected: number): CodeProblem => ({
  kind: 'format',
  reason: `应为${expected}位，实为${actual}位 / ${actual} characters, expected ${expected}`,
});

/** Full-width digits and letters (０-９, Ａ-Ｚ) typed on Chinese keyboards count as their ASCII forms. */
export function halfWidthAlnum(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Spaces (ASCII, full-width, NBSP) and zero-width characters anywhere in a code are typing noise. */
export function stripCodeSpaces(s: string): string {
  return s.replace(/[\s\u3000\u00A0\u200B-\u200D\u2060\uFEFF]/g, '');
}

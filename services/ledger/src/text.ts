/**
 * Cell text as offices type it: stray ASCII and full-width (U+3000) spaces, NBSP, zero-width
 * characters and BOMs around values and headers. Inner text is left alone.
 */
const EDGE = /^[\s\u3000\u00A0\u200B-\u200D\u2060\uFEFF]+|[\s\u3000\u00A0\u200B-\u200D\u2060\uFEFF]+$/g;

export function trimCell(s: string): string {
  return s.replace(EDGE, '');
}

/**
 * The key a header is matched by: trimmed, NFKC (full-width brackets and digits become ASCII, so
 * 服务时长（小时） and 服务时长(小时) are one column) and without inner whitespace or line breaks
 * (Excel headers are often wrapped with Alt+Enter).
 */
export function normaliseHeader(s: string): string {
  return trimCell(s)
    .normalize('NFKC')
    .replace(/[\s\u200B-\u200D\u2060\uFEFF]+/g, '');
}

/** Full-width ASCII (digits, letters, punctuation such as ／－：．，) to half-width, for numbers and dates. */
export function halfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * Text bound for a CSV or XLSX export: a leading = + - @ TAB or CR would make a spreadsheet evaluate
 * it as a formula (OWASP "CSV injection"), so it gets a leading single quote. Apply to text only: a
 * number such as -2 exported as a number is not text.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

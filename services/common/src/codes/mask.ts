/** Masks as the district shows personal data: 410106********1234, 138****5678, 张**. */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return '';
  return id.length <= 10 ? '*'.repeat(id.length) : `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  return phone.length < 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

export function maskName(name: string | null | undefined): string {
  if (!name) return '';
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}

/**
 * ID numbers as typed into free text: GB 11643's 17 digits and a check digit (or X), or the old
 * 15-digit form, standing alone (not part of a longer run of digits).
 */
const ID_NUMBER_IN_TEXT = /(?<!\d)(?:\d{17}[\dXx]|\d{15})(?![\dXx])/g;
/** Mainland mobile numbers as typed into free text: 1, then 3–9, then nine digits, standing alone. */
const MOBILE_IN_TEXT = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/**
 * Free text (a reason, a note) with the personal data a clerk may have typed into it masked as the
 * fields are: every ID-number-shaped and mobile-number-shaped part. Names cannot be told from other
 * words, so free text must not be the place for them; these two shapes can.
 */
export function maskPersonalText(text: string): string;
export function maskPersonalText(text: string | null | undefined): string | null | undefined;
export function maskPersonalText(text: string | null | undefined): string | null | undefined {
  if (!text) return text;
  return text.replace(ID_NUMBER_IN_TEXT, (id) => maskIdNumber(id)).replace(MOBILE_IN_TEXT, (phone) => maskPhone(phone));
}

/**
 * Statistical division codes (统计用区划代码) are hierarchical: 6 digits of the county-level
 * district, 3 of the street or town, 3 of the community; a grid adds 2 digits (a local convention).
 * "Everything under a node" is therefore a prefix, which every subgraph matches on its own rows
 * instead of asking the region tree on every figure.
 */
export type RegionLevel = 'DISTRICT' | 'STREET' | 'COMMUNITY' | 'GRID';

const CODE = /^\d{12}(\d{2})?$/;

/** Ledgers write the district as its 6-digit county code; inside the system every node has 12 digits. */
export function normaliseRegionCode(code: string): string {
  const c = code.trim();
  return /^\d{6}$/.test(c) ? `${c}000000` : c;
}

export function isRegionCode(code: string): boolean {
  return CODE.test(code);
}

export function regionLevel(code: string): RegionLevel {
  if (code.length === 14) return 'GRID';
  if (code.endsWith('000000')) return 'DISTRICT';
  if (code.endsWith('000')) return 'STREET';
  return 'COMMUNITY';
}

/** The prefix every code below (and at) this node starts with. */
export function regionPrefix(code: string): string {
  switch (regionLevel(code)) {
    case 'DISTRICT':
      return code.slice(0, 6);
    case 'STREET':
      return code.slice(0, 9);
    default:
      return code;
  }
}

export function isWithin(code: string, ancestor: string): boolean {
  return code.startsWith(regionPrefix(ancestor));
}

/** The 6-digit county code of the district a node lies in: the unit ledger numbers are unique within. */
export function districtOf(code: string): string {
  return code.slice(0, 6);
}

/** The district's own 12-digit node code, where district-wide records sit. */
export const districtNode = (district: string): string => `${district.slice(0, 6)}000000`;

/** The street a community or grid code belongs to (its 12-digit code ending in 000). */
export function streetOf(code: string): string {
  return `${code.slice(0, 9)}000`;
}

export function communityOf(code: string): string {
  return code.slice(0, 12);
}

/**
 * The half-open range [lo, hi) of codes under a prefix, for a B-tree range scan (a LIKE pattern
 * built per row cannot use an index). Codes are digits, so the next prefix is the prefix plus one;
 * the empty prefix (the whole deployment) spans every code.
 */
export function prefixRange(prefix: string): { lo: string; hi: string } {
  if (!prefix) return { lo: '0', hi: '99999999999999999' };
  const digits = prefix.split('').map(Number);
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === 9) i--;
  if (i < 0) return { lo: prefix, hi: '99999999999999999' };
  return { lo: prefix, hi: `${digits.slice(0, i).join('')}${digits[i] + 1}` };
}

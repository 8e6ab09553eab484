/**
 * Statistical division codes are hierarchical (6 district + 3 street + 3 community, grids add 2
 * digits), so "everything under a node" is a prefix match. Subgraphs filter their own rows by
 * prefix instead of asking the workforce subgraph for the tree on every figure.
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

/** The street a community or grid code belongs to (its 12-digit code ending in 000). */
export function streetOf(code: string): string {
  return `${code.slice(0, 9)}000`;
}

export function communityOf(code: string): string {
  return code.slice(0, 12);
}

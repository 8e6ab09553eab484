/**
 * The certificate and exam ledgers name a work unit (盛世社区居民委员会, 中心路街道办事处, 区残联),
 * not a region. A unit whose name starts with a node's name belongs to that node (the longest name
 * wins, so a community beats its street); anything else (district bureaus, schools, companies) is
 * counted at the district.
 */
export interface NamedRegion {
  code: string;
  name: string;
}

export function regionOfUnit(regions: NamedRegion[], workUnit: string | null | undefined, district: string): string {
  const unit = workUnit?.trim();
  if (!unit) return district;
  let best: NamedRegion | null = null;
  for (const r of regions) {
    if (unit.startsWith(r.name) && (!best || r.name.length > best.name.length)) best = r;
  }
  return best?.code ?? district;
}

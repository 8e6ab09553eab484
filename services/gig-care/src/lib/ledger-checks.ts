import type { Defect, ValidRow } from '@district/common';

/**
 * 'reference' defects for rows whose code the lookup does not know. `lookup` is one of the graph's
 * reference lookups (the region tree belongs to the workforce subgraph) or a query on our own tables.
 */
export async function unknownCodes<K extends string>(
  batch: ValidRow<K>[],
  file: string,
  column: string,
  codeOf: (row: ValidRow<K>) => string | null,
  lookup: (codes: string[]) => Promise<Set<string>>,
  what: [zh: string, en: string],
): Promise<Defect[]> {
  const codes = [...new Set(batch.map(codeOf).filter((c): c is string => !!c))];
  const known = codes.length ? await lookup(codes) : new Set<string>();
  return batch
    .filter((r) => {
      const c = codeOf(r);
      return !!c && !known.has(c);
    })
    .map((r) => ({ file, row: r.row, column, kind: 'reference' as const, reason: `${what[0]}不存在 / no such ${what[1]}: ${codeOf(r)}` }));
}

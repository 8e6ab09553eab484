import type { Defect, ImportContext, LedgerSpec, ValidRow } from '@district/common';

/**
 * Checks the ledgers of this subgraph share: region codes through the graph (the workforce subgraph
 * owns the tree), organisation codes in this subgraph's own database.
 */
export async function unknownRegions<K extends string>(
  spec: LedgerSpec<K>,
  batch: ValidRow<K>[],
  columns: K[],
  ctx: ImportContext,
): Promise<Defect[]> {
  const codes = new Set<string>();
  for (const { value } of batch) for (const c of columns) if (value[c]) codes.add(String(value[c]));
  const known = await ctx.references.regions([...codes]);
  return batch.flatMap(({ row, value }) =>
    columns
      .filter((c) => value[c] && !known.has(String(value[c])))
      .map((c): Defect => ({
        file: spec.file,
        row,
        column: spec.columns[c].header,
        kind: 'reference',
        reason: `区划代码不存在 / no such region: ${value[c]}`,
      })),
  );
}

export interface KnownOrganization {
  code: string;
  org_type: string;
}

/** The organisations of this batch already in the database, by code. */
export async function knownOrganizations(ctx: ImportContext, codes: string[]): Promise<Map<string, KnownOrganization>> {
  const res = await ctx.db.query('SELECT code, org_type FROM social_organization WHERE code = ANY($1::text[])', [[...new Set(codes)]]);
  return new Map((res.rows as KnownOrganization[]).map((o) => [o.code, o]));
}

export const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

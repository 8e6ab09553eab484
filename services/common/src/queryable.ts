/** A pg client, or a transaction's client: all that plain-SQL helpers need of a database. */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
}

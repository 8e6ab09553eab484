import type { EntityManager } from '@mikro-orm/postgresql';
import { regionPrefix } from '@district/common';
import { afterResolvers } from '../context';
import { and, join, raw, sql, TRUE, type Sql } from '../sql';
import { liveRowsOf } from '../live';
import { nodeRanges, nodeRows, withinRanges } from '../ranges';
import type { FigureDef } from './define';
import type { FigureCache } from './cache';
import type { Period } from './period';

/** A figure's value at one node: a number, or for a breakdown the number per key. */
export type MeasureValue = number | Record<string, number>;

interface Measure {
  /** names the figure, its arguments and its window exactly: the cache key without the node */
  key: string;
  def: FigureDef;
  condition: Sql;
  period: Period;
}

interface Request {
  measure: Measure;
  code: string;
  resolve: (v: MeasureValue) => void;
  reject: (e: unknown) => void;
}

const additive = (def: FigureDef) => !['distinct', 'distinctSum'].includes(def.aggregate?.kind ?? 'count');

function aggregateOf(def: FigureDef, filter: Sql, column: string, preAggregated: boolean): Sql {
  const agg = def.aggregate ?? { kind: 'count' as const };
  if (preAggregated) return sql`sum(${raw(column)})`;
  switch (agg.kind) {
    case 'count':
      return sql`count(*) FILTER (WHERE ${filter})`;
    case 'sum':
      return sql`sum(${raw(agg.expr)}) FILTER (WHERE ${filter})`;
    case 'distinct':
      return sql`count(DISTINCT ${raw(agg.expr)}) FILTER (WHERE ${filter})`;
    case 'distinctSum':
      // one value per key (a key's rows all carry the same value), then added up
      return sql`(SELECT sum(x.v::numeric) FROM jsonb_each_text(jsonb_object_agg((${raw(agg.key)})::text, ${raw(agg.expr)})
        FILTER (WHERE ${filter})) AS x(k, v))`;
  }
}

/** Only the years asked for are read when every measure of a source is a flow on the same column. */
function flowNarrowing(measures: Measure[]): Sql | undefined {
  const column = measures[0].def.period.flowColumn;
  if (!column || measures.some((m) => m.def.period.flowColumn !== column)) return undefined;
  const from = measures.map((m) => m.period.from).sort()[0];
  const to = measures
    .map((m) => m.period.to)
    .sort()
    .at(-1)!;
  return sql`${raw(column)} BETWEEN ${from}::date AND ${to}::date`;
}

/**
 * One statement for every figure a request asks, over every node it asks them at. Per source:
 * additive figures (counts, sums) are first added up per place (community, grid …) and then over
 * each node's range of places, so a row is read once however many nodes contain it; distinct counts
 * join each node's range directly. Every value column is `aggregate FILTER (WHERE period AND
 * arguments)`, so this year and last year, and any number of figures, share one scan.
 */
export function compile(
  requests: { measure: Measure; code: string }[],
  /** the condition a source's rows must meet besides the figures' own: none of its records withdrawn (live.ts) */
  liveOf: (source: FigureDef['source']) => Sql = () => TRUE,
): { statement: Sql; columns: Map<string, string> } {
  const codes = [...new Set(requests.map((r) => r.code))];
  const measures = [...new Map(requests.map((r) => [r.measure.key, r.measure])).values()];
  const columns = new Map(measures.map((m, i) => [m.key, `m${i}`]));
  const ranges = nodeRanges(codes.map((code) => ({ key: code, prefix: regionPrefix(code) })));

  // one scan per FROM clause: two sources given one name but different aliases must not share a scan
  const bySource = new Map<string, Measure[]>();
  for (const m of measures) {
    const key = `${m.def.source.from}|${m.def.source.place}`;
    bySource.set(key, [...(bySource.get(key) ?? []), m]);
  }

  const ctes: Sql[] = [sql`r AS (SELECT * FROM ${nodeRows(ranges, 'r', 'code')})`];
  const selected: string[] = [];
  const joins: string[] = [];
  let n = 0;
  for (const group of bySource.values()) {
    const { from, place } = group[0].def.source;
    const live = liveOf(group[0].def.source);
    const inCover = withinRanges(place, ranges);
    const parts: { measures: Measure[]; breakdown?: string; additive: boolean }[] = [];
    for (const m of group) {
      const slot = parts.find((p) => p.additive === additive(m.def) && p.breakdown === m.def.breakdown);
      if (slot) slot.measures.push(m);
      else parts.push({ measures: [m], breakdown: m.def.breakdown, additive: additive(m.def) });
    }
    for (const part of parts) {
      const name = `q${n++}`;
      const narrow = and(flowNarrowing(part.measures), live !== TRUE && live);
      const key = part.breakdown ? `, ${part.breakdown} AS k` : '';
      const keyOut = part.breakdown ? ', g.k' : '';
      if (part.additive) {
        const inner = join(
          part.measures.map((m) => sql`${aggregateOf(m.def, m.condition, '', false)} AS ${raw(columns.get(m.key)!)}`),
          ', ',
        );
        const outer = join(
          part.measures.map((m) => sql`${aggregateOf(m.def, m.condition, `g.${columns.get(m.key)}`, true)} AS ${raw(columns.get(m.key)!)}`),
          ', ',
        );
        ctes.push(sql`${raw(`${name}g`)} AS (SELECT ${raw(place)} AS place${raw(key)}, ${inner} FROM ${raw(from)}
          WHERE ${inCover} ${narrow !== TRUE ? sql`AND ${narrow}` : raw('')} GROUP BY 1${raw(part.breakdown ? ', 2' : '')})`);
        ctes.push(sql`${raw(name)} AS (SELECT r.code${raw(keyOut)}, ${outer} FROM r JOIN ${raw(`${name}g`)} g
          ON g.place >= r.lo AND g.place < r.hi GROUP BY r.code${raw(keyOut)})`);
      } else {
        const cols = join(
          part.measures.map((m) => sql`${aggregateOf(m.def, m.condition, '', false)} AS ${raw(columns.get(m.key)!)}`),
          ', ',
        );
        ctes.push(sql`${raw(name)} AS (SELECT r.code${raw(part.breakdown ? `, ${part.breakdown} AS k` : '')}, ${cols} FROM r JOIN ${raw(from)}
          ON ${raw(place)} >= r.lo AND ${raw(place)} < r.hi WHERE ${inCover} ${narrow !== TRUE ? sql`AND ${narrow}` : raw('')}
          GROUP BY r.code${raw(part.breakdown ? ', 2' : '')})`);
      }
      if (part.breakdown) {
        // one row per node: the breakdown as a JSON object { key: value }
        const agg = part.measures.map((m) => `json_object_agg(coalesce(k::text, ''), ${columns.get(m.key)}) AS ${columns.get(m.key)}`);
        ctes.push(raw(`${name}b AS (SELECT code, ${agg.join(', ')} FROM ${name} GROUP BY code)`));
        joins.push(`LEFT JOIN ${name}b ON ${name}b.code = r.code`);
        selected.push(...part.measures.map((m) => `${name}b.${columns.get(m.key)}`));
      } else {
        joins.push(`LEFT JOIN ${name} ON ${name}.code = r.code`);
        selected.push(...part.measures.map((m) => `${name}.${columns.get(m.key)}`));
      }
    }
  }
  const statement = sql`WITH ${join(ctes, ',\n')}
    SELECT r.code, ${raw(selected.join(', '))} FROM r ${raw(joins.join(' '))}`;
  return { statement, columns };
}

function valueOf(raw: unknown, breakdown: boolean): MeasureValue {
  if (!breakdown) return Number(raw ?? 0);
  const obj = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown> | null;
  return Object.fromEntries(Object.entries(obj ?? {}).map(([k, v]) => [k, Number(v ?? 0)]));
}

/**
 * The figures of one request: resolvers ask for values, and once every resolver of the current
 * step has asked, the batch answers what the cache holds and computes the rest in one statement.
 */
export class FigureBatch {
  private pending: Request[] = [];
  private scheduled = false;
  /** statements this request ran (tests and benchmarks read it) */
  statements = 0;
  /** where to read: a replica for queries when one is configured (set with RequestContext.readFrom) */
  readFrom: 'read' | 'write' = 'write';

  constructor(
    private readonly em: EntityManager,
    private readonly cache?: FigureCache,
  ) {}

  value<A>(def: FigureDef<A>, args: A, code: string, period: Period): Promise<MeasureValue> {
    const condition = and(def.period(period), def.where?.(args));
    const key = `${def.name}|${condition.text}|${JSON.stringify(condition.params)}`;
    return new Promise((resolve, reject) => {
      this.pending.push({ measure: { key, def: def as FigureDef, condition, period }, code, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        afterResolvers(() => void this.flush());
      }
    });
  }

  async number<A>(def: FigureDef<A>, args: A, code: string, period: Period): Promise<number> {
    return (await this.value(def, args, code, period)) as number;
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    const version = this.cache?.version();
    const misses: Request[] = [];
    for (const r of batch) {
      const hit = version === undefined ? undefined : this.cache!.get(version, r.measure.key, r.code);
      if (hit === undefined) misses.push(r);
      else r.resolve(hit);
    }
    if (!misses.length) return;
    try {
      const { statement, columns } = compile(misses, (source) => liveRowsOf(this.em, source.from));
      const { rows, seen } = await this.run(statement, version);
      const byCode = new Map(rows.map((row) => [String(row.code), row]));
      for (const r of misses) {
        const row = byCode.get(r.code);
        const value = valueOf(row?.[columns.get(r.measure.key)!], !!r.measure.def.breakdown);
        // cached under the version the statement itself read, and only while that is still the current one
        if (seen !== undefined) this.cache?.set(seen, r.measure.key, r.code, value);
        r.resolve(value);
      }
    } catch (e) {
      for (const r of misses) r.reject(e);
    }
  }

  /**
   * Runs the figures' statement with the data version its own snapshot saw. On a replica that has
   * not yet replayed the version the primary announced (`want`), or when no version is known, the
   * statement runs again on the primary: a figure is never older than a write this subgraph has
   * announced, and never cached under a version its rows do not belong to.
   */
  private async run(statement: Sql, want: string | undefined): Promise<{ rows: Record<string, unknown>[]; seen: string | undefined }> {
    const versioned = sql`SELECT f.*, (SELECT version::text FROM data_version) AS _data_version FROM (${statement}) f`;
    const side = this.readFrom;
    const once = async (on: 'read' | 'write') => {
      this.statements++;
      const rows: Record<string, unknown>[] = await this.em.getConnection(on).execute(versioned.text, [...versioned.params]);
      const seen = rows.length ? String(rows[0]._data_version) : undefined;
      return { rows, seen };
    };
    const first = await once(side);
    if (side === 'write') return first;
    if (want !== undefined && first.seen !== undefined && BigInt(first.seen) >= BigInt(want)) return first;
    return once('write');
  }
}

import { Entity, PrimaryKey, Property, Index } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  getArgumentValues,
  GraphQLError,
  GraphQLObjectType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { bumpDataVersion, conflict, forbidden, log, maskPersonalText, type Queryable } from '@district/common';
import type { RequestContext } from './context';

/**
 * Every subgraph keeps its own audit trail in its own database: each mutation (who, when, what
 * arguments with personal data masked, outcome) and each unmasked read of personal data.
 */
@Entity({ tableName: 'audit_log' })
@Index({ properties: ['at'] })
export class AuditEntry {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date = new Date();

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'text' })
  roles!: string;

  /** MUTATION, PERSONAL_READ or EXPORT */
  @Property({ type: 'text' })
  kind!: string;

  /** mutation name, or Type.field read unmasked */
  @Property({ type: 'text' })
  operation!: string;

  /** the record touched, e.g. Worker:W0001 */
  @Property({ type: 'text', nullable: true })
  target?: string | null;

  @Property({ type: 'jsonb', nullable: true })
  args?: unknown;

  /** OK, or the error code */
  @Property({ type: 'text' })
  outcome!: string;
}

/** Without the schema's masks (a script, a test context), nothing but the shape is kept: no value can leak. */
const shapeOnly = (_operation: string, args: unknown): unknown =>
  args && typeof args === 'object' ? Object.fromEntries(Object.keys(args as object).map((k) => [k, '…'])) : null;

/**
 * A transaction's pg-style client (`$1` placeholders, as @district/ledger's helpers and the
 * common SQL helpers write them), for statements the ORM does not write.
 */
export function transactionClient(em: EntityManager): Queryable {
  const conn = em.getConnection();
  const tx = em.getTransactionContext();
  return {
    query: async (text: string, params: unknown[] = []) => {
      // the ORM's driver takes '?' in order; a parameter used twice is passed twice
      const ordered: unknown[] = [];
      const positional = text.replace(/\$(\d+)/g, (_, n: string) => {
        ordered.push(params[Number(n) - 1]);
        return '?';
      });
      const rows = (await conn.execute(positional, ordered, 'all', tx)) as any[];
      return { rows, rowCount: rows.length };
    },
  };
}

/**
 * Runs a daily-work mutation in one transaction and records it. The audit row of a success is
 * written in the same transaction as the change, which also bumps the data version (caches of
 * figures move on when it commits). A failure is recorded on its own, then rethrown; if even that
 * record cannot be written, the caller is told the attempt failed rather than the failure passing
 * unrecorded.
 */
export async function audited<T>(
  ctx: RequestContext,
  operation: string,
  args: unknown,
  work: (em: EntityManager) => Promise<T>,
  targetOf: (result: T) => string | null = () => null,
): Promise<T> {
  const base = {
    subject: ctx.caller.subject,
    roles: ctx.caller.roles.join(','),
    kind: 'MUTATION',
    operation,
    args: (ctx.auditArgs ?? shapeOnly)(operation, args),
  };
  let version: string | undefined;
  try {
    const result = await ctx.em.transactional(async (em) => {
      const result = await work(em as EntityManager);
      em.create(AuditEntry, { ...base, target: targetOf(result), outcome: 'OK', at: new Date() });
      await em.flush();
      version = await bumpDataVersion(transactionClient(em as EntityManager)); // last: holds the counter's lock briefly
      return result;
    });
    if (version) ctx.dataVersion?.saw(version);
    return result;
  } catch (thrown) {
    const e = asConflict(thrown);
    await recordFailure(ctx, base, e);
    throw e;
  }
}

type AuditBase = Pick<AuditEntry, 'subject' | 'roles' | 'kind' | 'operation' | 'args'>;

/** The audit row of a failed attempt, on its own; if even that cannot be written, the attempt fails as such. */
async function recordFailure(ctx: RequestContext, base: AuditBase, e: unknown): Promise<void> {
  const code = e instanceof GraphQLError ? String(e.extensions.code ?? 'ERROR') : 'INTERNAL_SERVER_ERROR';
  const em = ctx.em.fork();
  em.create(AuditEntry, { ...base, target: null, outcome: code, at: new Date() });
  try {
    await em.flush();
  } catch (auditError) {
    log().error({ operation: base.operation, error: (auditError as Error).name }, 'audit: could not record a failed operation');
    throw new Error('audit write failed', { cause: e });
  }
}

/** A mutation refused before its resolver ran (its text arguments, see guards.ts) is an attempt too, and recorded. */
export function auditRefusal(ctx: RequestContext, operation: string, args: unknown, e: unknown): Promise<void> {
  return recordFailure(
    ctx,
    {
      subject: ctx.caller.subject,
      roles: ctx.caller.roles.join(','),
      kind: 'MUTATION',
      operation,
      args: (ctx.auditArgs ?? shapeOnly)(operation, args),
    },
    e,
  );
}

/**
 * A unique key the database refused (SQLSTATE 23505): two requests wrote the same record at the same
 * moment, or a check before the write could not see the other. The request was well-formed and the
 * record's state refuses it: CONFLICT, in every mutation alike, never an internal error. The message
 * names no value (the key may be an ID number).
 */
function asConflict(e: unknown): unknown {
  const cause = (e as { code?: string; cause?: { code?: string } } | null) ?? {};
  const sqlstate = cause.code ?? cause.cause?.code;
  if (sqlstate !== '23505' && !(e instanceof Error && e.name === 'UniqueConstraintViolationException')) return e;
  return conflict(
    '该记录已存在，或已被同时提交的另一请求写入 / this record already exists: another request may have written it at the same moment',
  );
}

/** Writes the request's unmasked personal reads in one statement after the response is built. */
export async function flushPersonalReads(ctx: RequestContext): Promise<void> {
  if (!ctx.personalReads.length) return;
  const em = ctx.em.fork();
  const seen = new Set<string>();
  for (const read of ctx.personalReads) {
    const key = `${read.field}|${read.record}`;
    if (seen.has(key)) continue;
    seen.add(key);
    em.create(AuditEntry, {
      subject: ctx.caller.subject,
      roles: ctx.caller.roles.join(','),
      kind: 'PERSONAL_READ',
      operation: read.field,
      target: read.record,
      outcome: 'OK',
      at: new Date(),
    });
  }
  ctx.personalReads.length = 0;
  await em.flush();
}

/** Resolver of a subgraph's `<line>AuditTrail` query: administrators only, newest first. */
export interface AuditEntryView {
  id: string;
  at: string;
  subject: string;
  roles: string;
  kind: string;
  operation: string;
  target?: string | null;
  args: string | null;
  outcome: string;
}

export async function auditTrail(
  ctx: RequestContext,
  args: { first?: number | null; operation?: string | null },
): Promise<AuditEntryView[]> {
  if (!ctx.caller.roles.includes('DISTRICT_ADMIN')) {
    throw forbidden('仅区级管理员可查看审计记录 / only a district administrator may read the audit trail');
  }
  const rows = await ctx.em.find(AuditEntry, args.operation ? { operation: args.operation } : {}, {
    orderBy: { id: 'desc' },
    limit: Math.min(args.first ?? 50, 500),
  });
  return rows.map((r) => ({
    id: r.id,
    subject: r.subject,
    roles: r.roles,
    kind: r.kind,
    operation: r.operation,
    target: r.target,
    outcome: r.outcome,
    at: r.at.toISOString(),
    args: r.args === null || r.args === undefined ? null : JSON.stringify(r.args),
  }));
}

/**
 * An export's variables (filters: a region, a status, a page size) as the audit trail keeps them. They
 * are no mutation's arguments, so the schema's @personal marks do not reach them: any value shaped
 * like an ID number or a mobile number is masked wherever it sits, and long text is cut.
 */
function maskValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskValues);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValues(v)]));
  if (typeof value !== 'string') return value;
  const text = maskPersonalText(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * The arguments the exported list was asked with (its filter, its order, the node it hangs under as
 * the gateway's entity representations name it), as the subgraph's operation gives them: the
 * gateway writes the analyst's literals into that operation and pages with variables of its own, so
 * the variables alone do not say what was exported.
 */
function listArguments(
  schema: GraphQLSchema,
  document: DocumentNode | undefined,
  list: { type: string; field: string },
  variables: Record<string, unknown>,
): Record<string, unknown>[] {
  if (!document) return [];
  const found: Record<string, unknown>[] = [];
  const info = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(info, {
      Field(node) {
        const parent = info.getParentType();
        const def = info.getFieldDef();
        if (parent?.name !== list.type || node.name.value !== list.field || !def) return;
        try {
          found.push(getArgumentValues(def, node, variables));
        } catch {
          found.push({ unreadable: true }); // the request itself failed on them: its outcome says so
        }
      },
    }),
  );
  return found;
}

/**
 * Records an export (the gateway's /export, first page) in the audit trail of the subgraph whose
 * list it is (its schema defines the list field): who, when, the list, the arguments it was asked
 * with (filter, order) and the request's variables, personal data masked as in any audit entry, the
 * format, the outcome. The other subgraphs of the same page (resolving names and the like) record
 * nothing; their unmasked personal reads are recorded as always.
 */
export async function recordExport(
  ctx: RequestContext,
  schema: GraphQLSchema,
  variables: Record<string, unknown> | undefined,
  outcome: string,
  document?: DocumentNode,
): Promise<void> {
  const list = ctx.export;
  const type = list && schema.getType(list.type);
  if (!list || !(type instanceof GraphQLObjectType) || !type.getFields()[list.field]) return;
  const operation = `${list.type}.${list.field}`;
  const found = listArguments(schema, document, list, variables ?? {});
  // one list field in the operation, as the gateway's /export sends it; more are kept in order
  const args = { arguments: found.length === 1 ? found[0] : found, variables: variables ?? {} };
  const em = ctx.em.fork();
  em.create(AuditEntry, {
    subject: ctx.caller.subject,
    roles: ctx.caller.roles.join(','),
    kind: 'EXPORT',
    operation,
    target: list.format,
    // the schema's @personal marks (of any input named alike), then any personal-shaped text
    args: maskValues((ctx.auditArgs ?? ((_o: string, a: unknown) => a))(operation, args)),
    outcome,
    at: new Date(),
  });
  await em.flush();
}

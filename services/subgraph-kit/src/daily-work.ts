import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import {
  assertCanWrite,
  badInput,
  canSeePersonal,
  chinaTime,
  conflict,
  globalId,
  inScope,
  maskIdNumber,
  maskName,
  maskPersonalText,
  maskPhone,
  notFound,
  todayInChina,
  type Department,
} from '@district/common';
import type { RequestContext } from './context';
import { audited } from './audit';
import { LIVE } from './db';
import { localNumberOf, NOTE_MAX, optionalText, requiredText } from './input';
import { nextNumber } from './sequences';
import { isWithdrawableTable } from './live';
import { recordId } from './district';
import { RecordHistory, type Withdrawable } from './records';
import { ident } from './sql';

/**
 * Daily work on records a ledger holds: every record can be created, corrected and withdrawn
 * through the API, scoped (`assertCanWrite`) and audited (`audited`) like every mutation.
 *
 * - A record kind (`defineRecord`) says once what a record is called, who owns it, where it sits
 *   and which other rows name it.
 * - `correction(kind, apply)` is the whole resolver of a `correct<Type>(id, input, reason)` mutation:
 *   `apply` checks the input with the kit's checks and sets what changes through a `ChangeSet`; the
 *   earlier values go to the record's history (`record_history`, one row per field), read through
 *   the type's `history` field (`historyField(kind)`).
 * - `withdrawal(kind)` is the whole resolver of a `withdraw<Type>(id, reason)` mutation: the record
 *   is marked withdrawn today with the reason (records.ts, Withdrawable), rows it owns go with it,
 *   and it is refused while live records of other tables still name it. Withdrawn records are
 *   skipped by every figure, list and lookup; nothing is deleted.
 * - A create mutation checks its key with `assertKeyFree`, which also sees withdrawn records: their
 *   numbers stay theirs (what a withdrawn record held is never silently reused), the clerk is told to
 *   enter the record under another number. A person's uniqueness (one volunteer per ID number) is
 *   over live records only, so a registration withdrawn by mistake does not keep the person out.
 *
 * A re-import of a ledger meets a corrected or withdrawn row as a change made in the app: reported
 * as a conflict, the app's value kept (@district/ledger, storeRows).
 */

/** A kind of personal data a field of a record holds (the schema's @personal kinds). */
export type PersonalKindName = 'ID_NUMBER' | 'PHONE' | 'NAME';

/** Rows of another table naming a record. */
export interface RecordReference<T> {
  table: string;
  /** the column holding the record's key */
  column: string;
  /** the record's key as that column holds it (default: the record's id) */
  key?: (row: T) => unknown;
  /** what those rows are, [中文, English] */
  label: [string, string];
}

export interface RecordKind<T extends Withdrawable> {
  /** the GraphQL type; names the record in history, audit targets and messages */
  type: string;
  entity: (new () => T) & { name: string };
  /** what the record is called, [中文, English] */
  label: [string, string];
  /** the subgraph whose department may change it */
  owner: Department;
  /** the node the record sits at: write rights and personal-data rights follow it */
  placeOf(row: T): string | null | undefined;
  /** where the record sits when its row does not say (a case sits where its organisation does); overrides placeOf for write rights */
  locate?(em: EntityManager, row: T): Promise<string | null | undefined>;
  /** the record's id as the API shows it */
  idOf(row: T): string;
  /**
   * How the `id` argument of a correction or withdrawal finds the record (any state). Default: a
   * global id (e.g. 410106:W0001) or a ledger number of the caller's district, as the primary key `id`.
   */
  lookup?(ctx: RequestContext, given: string, field: string): Promise<FilterQuery<T>> | FilterQuery<T>;
  /** live rows elsewhere that name the record: it cannot be withdrawn while they exist */
  referencedBy?: RecordReference<T>[];
  /** rows that belong to the record (its posts, its attendance …): withdrawn with it */
  owns?: Omit<RecordReference<T>, 'label'>[];
  /** fields of the type holding personal data: their values in the history are masked like the fields */
  personal?: Record<string, PersonalKindName>;
}

export const defineRecord = <T extends Withdrawable>(kind: RecordKind<T>): RecordKind<T> => kind;

const withdrawnCopy = (what: [string, string], on: string) => `该${what[0]}已于${on}撤销 / this ${what[1]} was withdrawn on ${on}`;

/** Where a record sits, for write rights. */
export const placeFor = async <T extends Withdrawable>(em: EntityManager, kind: RecordKind<T>, row: T) =>
  kind.locate ? kind.locate(em, row) : kind.placeOf(row);

/** The record an argument names, in any state (withdrawn too), or null. */
export async function findRecord<T extends Withdrawable>(
  ctx: RequestContext,
  em: EntityManager,
  kind: RecordKind<T>,
  given: string,
  field = 'id',
): Promise<T | null> {
  const where = kind.lookup ? await kind.lookup(ctx, given, field) : ({ id: await recordId(ctx, given, field) } as FilterQuery<T>);
  return em.findOne(kind.entity, where, { filters: { [LIVE]: false } });
}

/**
 * The record a correction, a withdrawal or an event names, ready to change: NOT_FOUND when there is
 * none or it lies outside the caller's scope (the same answer, word for word, so a refusal tells
 * nothing of records the caller may not see), CONFLICT when it was withdrawn, FORBIDDEN when the
 * caller sees it but may not change it (another department's record).
 */
export async function recordToChange<T extends Withdrawable>(
  ctx: RequestContext,
  em: EntityManager,
  kind: RecordKind<T>,
  given: string,
  field = 'id',
): Promise<T> {
  const row = await findRecord(ctx, em, kind, given, field);
  const place = row && (await placeFor(em, kind, row));
  if (!row || !inScope(ctx.caller, place)) throw notFound(`没有该${kind.label[0]}：${given} / no such ${kind.label[1]}: ${given}`, field);
  if (row.withdrawnOn) throw conflict(withdrawnCopy(kind.label, row.withdrawnOn), field);
  assertCanWrite(ctx.caller, kind.owner, place);
  return row;
}

/**
 * A new record's key must be free, withdrawn records included: the key of a withdrawn record stays
 * its own, and the clerk is told to correct that record rather than enter it again.
 */
export async function assertKeyFree<T extends Withdrawable>(
  em: EntityManager,
  entity: (new () => T) & { name: string },
  where: FilterQuery<T>,
  field: string,
  what: string,
): Promise<void> {
  const found = await em.findOne(entity, where, { filters: { [LIVE]: false } });
  if (!found) return;
  if (found.withdrawnOn) {
    throw conflict(
      `${what}已被一条撤销的记录占用（${found.withdrawnOn}撤销），请改用其他编号 / ${field} belongs to a record withdrawn on ${found.withdrawnOn}: use another`,
      field,
    );
  }
  throw conflict(`${what}已存在 / ${field} is already in use`, field);
}

/**
 * The key of a new record numbered within its district: the number the clerk gave (`id`: letters, digits,
 * - and _) or the next of the series `prefix` (e.g. JC2025 → JC202500001), its global id
 * `<district>:<number>`, refused (CONFLICT on `id`) when another record holds it, even a withdrawn one.
 */
export async function newRecordKey<T extends Withdrawable>(
  em: EntityManager,
  entity: (new () => T) & { name: string },
  spec: { given?: string | null; label: string; table: string; district: string; prefix: string; width: number },
): Promise<{ id: string; number: string }> {
  const number = spec.given
    ? localNumberOf(spec.given, 'id', spec.label)
    : await nextNumber(em, { table: spec.table, column: 'number', district: spec.district, prefix: spec.prefix, width: spec.width });
  const id = globalId(spec.district, number);
  await assertKeyFree(em, entity, { id } as FilterQuery<T>, 'id', `${spec.label} ${number} `);
  return { id, number };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** One field's change, for the history. */
export interface Changed {
  field: string;
  old: unknown;
  new: unknown;
}

/** What a correction changes, field by field: applied to the rows, and kept for the history. */
export class ChangeSet {
  readonly entries: Changed[] = [];

  /**
   * Sets `prop` of `row` to `value` when it differs, recording the change under the GraphQL field
   * `field` (default: the property's name). `undefined` means "not given": nothing changes.
   */
  set<R extends object, K extends keyof R & string>(row: R, prop: K, value: R[K] | undefined, field: string = prop): void {
    if (value === undefined || same(row[prop], value)) return;
    this.entries.push({ field, old: row[prop] ?? null, new: value ?? null });
    row[prop] = value;
  }

  /**
   * Records a change the caller applied itself (e.g. a record pointed at another person when its ID
   * number is corrected): the history shows the field's values, not the rows behind them.
   */
  note(field: string, old: unknown, value: unknown): void {
    if (!same(old, value)) this.entries.push({ field, old: old ?? null, new: value ?? null });
  }

  /** Whether a field was changed. */
  has(field: string): boolean {
    return this.entries.some((e) => e.field === field);
  }
}

/** What a correction's `apply` is given. */
export interface Correcting<T> {
  ctx: RequestContext;
  em: EntityManager;
  row: T;
  change: ChangeSet;
}

/** The arguments of every `correct<Type>` mutation: the record (`id`, or the argument named by `idArg`), the input, the reason. */
export type CorrectionArgs<I, K extends string = 'id'> = { [P in K]: string } & { input: I; reason?: string | null };

/** The arguments of every `withdraw<Type>` mutation. */
export type WithdrawalArgs<K extends string = 'id'> = { [P in K]: string } & { reason: string };

/** Writes history rows for changes made outside `correction` (an event that replaces a value, a record restored). */
export async function writeHistory(
  em: EntityManager,
  ctx: RequestContext,
  kind: RecordKind<any>,
  recordIdOf: string,
  operation: string,
  entries: Changed[],
  reason: string | null,
): Promise<void> {
  for (const e of entries) {
    em.create(RecordHistory, {
      entity: kind.type,
      recordId: recordIdOf,
      field: e.field,
      oldValue: e.old,
      newValue: e.new,
      subject: ctx.caller.subject,
      operation,
      reason,
      at: new Date(),
    });
  }
}

/**
 * The resolver of `correct<Type>(id, input, reason)`: finds the record (`recordToChange`), lets
 * `apply` check the input and set what changes, refuses a correction that changes nothing, checks
 * the caller's rights where the record sits afterwards too, and keeps each earlier value in the
 * record's history. Audited under the mutation's name.
 */
export function correction<T extends Withdrawable, I, K extends string = 'id'>(
  kind: RecordKind<T>,
  apply: (c: Correcting<T>, input: I) => Promise<void> | void,
  /** the argument naming the record, when not `id` (a code, a case number …) */
  idArg: K = 'id' as K,
) {
  return (_parent: unknown, args: CorrectionArgs<I, NoInfer<K>>, ctx: RequestContext, info: { fieldName: string }): Promise<T> =>
    audited(
      ctx,
      info.fieldName,
      args,
      async (em) => {
        const row = await recordToChange(ctx, em, kind, (args as Record<K, string>)[idArg], idArg);
        const reason = optionalText(args.reason, 'reason', '更正原因', NOTE_MAX);
        const change = new ChangeSet();
        await apply({ ctx, em, row, change }, args.input);
        if (!change.entries.length) throw badInput('更正未改变任何内容 / the correction changes nothing', 'input');
        assertCanWrite(ctx.caller, kind.owner, await placeFor(em, kind, row));
        await writeHistory(em, ctx, kind, kind.idOf(row), info.fieldName, change.entries, reason);
        return row;
      },
      (row) => `${kind.type}:${kind.idOf(row)}`,
    );
}

/** What a withdrawal answers (the schema's WithdrawnRecord). */
export interface WithdrawnView {
  type: string;
  id: string;
  withdrawnOn: string;
  reason: string;
  history: RecordChangeView[];
}

/**
 * Marks a record withdrawn today with the reason, with the rows it owns, in the caller's
 * transaction, refused while live records elsewhere name it: the heart of `withdrawal`, for
 * mutations that withdraw a record as part of other work (an answer replaced by a new one).
 */
export async function markWithdrawn<T extends Withdrawable>(
  em: EntityManager,
  ctx: RequestContext,
  kind: RecordKind<T>,
  row: T,
  reason: string,
  operation: string,
): Promise<string> {
  await assertUnreferenced(em, kind, row);
  const on = todayInChina();
  row.withdrawnOn = on;
  row.withdrawalReason = reason;
  const conn = em.getConnection();
  const tx = em.getTransactionContext();
  for (const owned of kind.owns ?? []) {
    await conn.execute(
      `UPDATE ${ident(owned.table)} SET withdrawn_on = ?, withdrawal_reason = ? WHERE ${ident(owned.column)} = ? AND withdrawn_on IS NULL`,
      [on, reason, owned.key ? owned.key(row) : kind.idOf(row)],
      'all',
      tx,
    );
  }
  await writeHistory(em, ctx, kind, kind.idOf(row), operation, [{ field: 'withdrawn', old: null, new: on }], reason);
  return on;
}

/** The answer of a withdrawal: the record's id, day, reason and whole history (flushes first). */
export async function withdrawnView<T extends Withdrawable>(
  em: EntityManager,
  ctx: RequestContext,
  kind: RecordKind<T>,
  row: T,
): Promise<WithdrawnView> {
  await em.flush();
  const id = kind.idOf(row);
  const history = await em.find(RecordHistory, { entity: kind.type, recordId: id }, { orderBy: { id: 'asc' } });
  return {
    type: kind.type,
    id,
    withdrawnOn: row.withdrawnOn!,
    reason: reasonFor(ctx, kind, row, row.withdrawalReason) ?? '',
    history: history.map((h) => changeView(ctx, kind, row, h)),
  };
}

async function assertUnreferenced<T extends Withdrawable>(em: EntityManager, kind: RecordKind<T>, row: T): Promise<void> {
  const conn = em.getConnection();
  const tx = em.getTransactionContext();
  for (const ref of kind.referencedBy ?? []) {
    const live = isWithdrawableTable(em, ref.table) ? ' AND withdrawn_on IS NULL' : '';
    const [{ n }]: { n: string }[] = await conn.execute(
      `SELECT count(*) AS n FROM ${ident(ref.table)} WHERE ${ident(ref.column)} = ?${live}`,
      [ref.key ? ref.key(row) : kind.idOf(row)],
      'all',
      tx,
    );
    if (Number(n) > 0) {
      throw conflict(
        `仍有${n}条${ref.label[0]}引用该${kind.label[0]}，请先撤销或更正它们 / ${n} ${ref.label[1]} still name this ${kind.label[1]}: withdraw or correct them first`,
        'id',
      );
    }
  }
}

/**
 * The resolver of `withdraw<Type>(id, reason)`: a record entered by mistake is marked withdrawn
 * today with the reason, with the rows it owns; refused (CONFLICT) while live records elsewhere name
 * it. Answers the withdrawal with the record's history. Audited under the mutation's name.
 */
export function withdrawal<T extends Withdrawable, K extends string = 'id'>(
  kind: RecordKind<T>,
  opts: {
    /** the argument naming the record, when not `id` */
    idArg?: K;
    /** further work in the same transaction, e.g. a derived column of another record */
    after?: (c: { ctx: RequestContext; em: EntityManager; row: T }) => Promise<void> | void;
  } = {},
) {
  const idArg = opts.idArg ?? ('id' as K);
  return (_parent: unknown, args: WithdrawalArgs<NoInfer<K>>, ctx: RequestContext, info: { fieldName: string }): Promise<WithdrawnView> =>
    audited(
      ctx,
      info.fieldName,
      args,
      async (em) => {
        const row = await recordToChange(ctx, em, kind, (args as Record<K, string>)[idArg], idArg);
        const reason = requiredText(args.reason, 'reason', '撤销原因', NOTE_MAX);
        await markWithdrawn(em, ctx, kind, row, reason, info.fieldName);
        await opts.after?.({ ctx, em, row });
        return withdrawnView(em, ctx, kind, row);
      },
      (v) => `${v.type}:${v.id}`,
    );
}

/** One entry of a record's history, as the schema's RecordChange shows it. */
export interface RecordChangeView {
  at: string;
  by: string;
  operation: string;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  reason: string | null;
}

const MASKS: Record<PersonalKindName, (v: string) => string> = { ID_NUMBER: maskIdNumber, PHONE: maskPhone, NAME: maskName };

const shown = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * A reason as the caller may read it: a clerk may have typed a phone or ID number into it, masked
 * unless the caller may see the record's personal data.
 */
const reasonFor = <T extends Withdrawable>(ctx: RequestContext, kind: RecordKind<T>, row: T, reason: string | null | undefined) =>
  reason && !canSeePersonal(ctx.caller, ctx.service, kind.placeOf(row)) ? maskPersonalText(reason) : (reason ?? null);

function changeView<T extends Withdrawable>(ctx: RequestContext, kind: RecordKind<T>, row: T, h: RecordHistory): RecordChangeView {
  const personal = kind.personal?.[h.field];
  let oldValue = shown(h.oldValue);
  let newValue = shown(h.newValue);
  if (personal && (oldValue !== null || newValue !== null)) {
    if (canSeePersonal(ctx.caller, ctx.service, kind.placeOf(row))) {
      ctx.personalReads.push({ field: `${kind.type}.history`, record: `${kind.type}:${kind.idOf(row)}` });
    } else {
      oldValue = oldValue === null ? null : MASKS[personal](oldValue);
      newValue = newValue === null ? null : MASKS[personal](newValue);
    }
  }
  return {
    at: chinaTime(h.at),
    by: h.subject,
    operation: h.operation,
    field: h.field,
    oldValue,
    newValue,
    reason: reasonFor(ctx, kind, row, h.reason),
  };
}

/** The resolver of a record type's `history` field: every correction and withdrawal, oldest first; one statement per request. */
export function historyField<T extends Withdrawable>(kind: RecordKind<T>) {
  return async (row: T, _args: unknown, ctx: RequestContext): Promise<RecordChangeView[]> => {
    const loader = ctx.loaders.get<string, RecordHistory[]>(`history:${kind.type}`, async (ids) => {
      const rows = await ctx.em.find(RecordHistory, { entity: kind.type, recordId: { $in: [...ids] } }, { orderBy: { id: 'asc' } });
      return ids.map((id) => rows.filter((r) => r.recordId === id));
    });
    return (await loader.load(kind.idOf(row))).map((h) => changeView(ctx, kind, row, h));
  };
}

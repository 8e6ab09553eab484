import {
  defaultFieldResolver,
  getNullableType,
  GraphQLError,
  type GraphQLInputObjectType,
  GraphQLObjectType,
  isInputObjectType,
  isListType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLFormattedError,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { badInput, maskErrors } from '@district/common';
import { auditRefusal } from './audit';
import type { RequestContext } from './context';
import { hasUnprintable, NOTE_MAX } from './input';

/**
 * Guards every subgraph puts around every request, whatever its resolvers do:
 * - a deadline for the whole execution and a budget of fields resolved, so no request (however the
 *   gateway's cost estimate was fooled) holds a subgraph's time or memory without bound;
 * - every String and ID a client sends, in any argument or input field, at most `maxText`
 *   characters and free of control characters, checked before the resolver runs;
 * - the database's own deadlines (statement_timeout, the pool's acquire timeout) reported as
 *   DEADLINE_EXCEEDED rather than as an internal fault.
 */
export interface RequestLimits {
  /** a request still resolving fields after this is cut off */
  executionTimeoutMs: number;
  /** fields one request may resolve (a bound on the size of its answer) */
  maxFields: number;
  /** longest String or ID argument */
  maxText: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = { executionTimeoutMs: 25_000, maxFields: 500_000, maxText: NOTE_MAX };

/** Why a request was cut off; thrown by every field resolved after it, reported once. */
export class RequestCutOff extends GraphQLError {
  constructor(code: 'DEADLINE_EXCEEDED' | 'RESPONSE_TOO_LARGE', message: string) {
    super(message, { extensions: { code } });
  }
}

/** One request's clock and field count. */
export class RequestBudget {
  private fields = 0;
  private readonly deadline: number;
  cutOff: RequestCutOff | null = null;

  constructor(private readonly limits: RequestLimits) {
    this.deadline = Date.now() + limits.executionTimeoutMs;
  }

  tick(): void {
    if (this.cutOff) throw this.cutOff;
    if (++this.fields > this.limits.maxFields) {
      this.cutOff = new RequestCutOff(
        'RESPONSE_TOO_LARGE',
        `答复超过 ${this.limits.maxFields} 个字段，请缩小查询 / the answer exceeds ${this.limits.maxFields} fields: ask for less`,
      );
    } else if (Date.now() > this.deadline) {
      this.cutOff = new RequestCutOff(
        'DEADLINE_EXCEEDED',
        `查询超过 ${this.limits.executionTimeoutMs / 1000} 秒未完成 / the request ran past its ${this.limits.executionTimeoutMs / 1000} s deadline`,
      );
    }
    if (this.cutOff) throw this.cutOff;
  }
}

type TextCheck = (value: unknown) => void;

/** A check of every String/ID inside a value of `type`, naming the innermost argument or input field; null when none can hold one. */
function textCheckOf(
  type: GraphQLInputType,
  name: string,
  maxText: number,
  seen = new Map<GraphQLInputObjectType, TextCheck | null>(),
): TextCheck | null {
  const inner = getNullableType(type);
  if (isListType(inner)) {
    const each = textCheckOf(inner.ofType, name, maxText, seen);
    return each ? (v) => (Array.isArray(v) ? v.forEach(each) : each(v)) : null;
  }
  if (isScalarType(inner)) {
    if (inner.name !== 'String' && inner.name !== 'ID') return null;
    return (v) => {
      if (typeof v !== 'string') return;
      if (hasUnprintable(v)) throw badInput(`${name}含有不可见的控制字符 / ${name} contains control characters`, name);
      if (v.length > maxText) throw badInput(`${name}不能超过${maxText}字 / ${name} must be at most ${maxText} characters`, name);
    };
  }
  if (!isInputObjectType(inner)) return null;
  if (seen.has(inner)) return (v) => seen.get(inner)?.(v); // recursive input types
  seen.set(inner, null);
  const fields = Object.values(inner.getFields())
    .map((f) => [f.name, textCheckOf(f.type, f.name, maxText, seen)] as const)
    .filter((f): f is readonly [string, TextCheck] => f[1] !== null);
  const check: TextCheck | null = fields.length
    ? (v) => {
        if (!v || typeof v !== 'object') return;
        for (const [k, c] of fields) c((v as Record<string, unknown>)[k]);
      }
    : null;
  seen.set(inner, check);
  return check;
}

function argsCheckOf(args: readonly GraphQLArgument[], maxText: number): TextCheck | null {
  const checks = args
    .map((a) => [a.name, textCheckOf(a.type, a.name, maxText)] as const)
    .filter((c): c is readonly [string, TextCheck] => !!c[1]);
  return checks.length ? (args) => checks.forEach(([k, c]) => c((args as Record<string, unknown>)[k])) : null;
}

/** Wraps every field of the schema: the request's budget first, then the check of its text arguments. */
export function guardSchema(schema: GraphQLSchema, maxText: number): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const inner = field.resolve ?? defaultFieldResolver;
      const checkText = argsCheckOf(field.args, maxText);
      const isMutation = type === schema.getMutationType();
      field.resolve = (parent, args, ctx: RequestContext, info) => {
        ctx.budget?.tick();
        try {
          checkText?.(args);
        } catch (e) {
          // a mutation refused here never reaches audited(): its attempt is recorded all the same
          return isMutation ? auditRefusal(ctx, field.name, args, e).then(() => Promise.reject(e)) : Promise.reject(e);
        }
        return inner(parent, args, ctx, info);
      };
    }
  }
  return schema;
}

/**
 * A cut-off request reports once, where it was cut, however many fields were refused after it; the
 * fields left null beside it are covered by that one error.
 */
export const budgetPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        if (!result.errors) return;
        const seen = new Set<string>();
        result.errors = result.errors.filter((e) => {
          const code = e.extensions?.code;
          if (code !== 'DEADLINE_EXCEEDED' && code !== 'RESPONSE_TOO_LARGE') return true;
          if (seen.has(String(code))) return false;
          seen.add(String(code));
          return true;
        });
      },
    };
  },
};

/** statement_timeout (57014) and a pool that could not give a connection in time are deadlines, not faults. */
function isDatabaseDeadline(error: unknown): boolean {
  const original = ((error as { originalError?: unknown })?.originalError ?? error) as
    { code?: string; name?: string; message?: string } | undefined;
  return (
    original?.code === '57014' || original?.name === 'KnexTimeoutError' || /Timeout acquiring a connection/.test(original?.message ?? '')
  );
}

export function formatSubgraphError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (isDatabaseDeadline(error)) {
    return {
      message: '数据库未在时限内答复，请稍后重试或缩小查询 / the database did not answer in time: retry later or ask for less',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'DEADLINE_EXCEEDED' },
    };
  }
  return maskErrors(formatted, error);
}

import {
  defaultFieldResolver,
  getNamedType,
  type GraphQLEnumType,
  GraphQLObjectType,
  isEnumType,
  isListType,
  isNonNullType,
  isScalarType,
  parseValue,
  valueFromAST,
  type GraphQLField,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { badInput, type RankingLevel } from '@district/common';
import type { RequestContext } from '../context';
import { monthPeriod, periodOf, yearRange, type Period } from './period';
import type { CountFigure, RateFigure, RegionNode } from './values';

/**
 * Rankings and series of any figure, for every figures type (VolunteerFigures, WorkforceFigures …)
 * whose SDL declares the fields `ranking` and `series` with a `figure` enum. Nothing is written per
 * figure: the enum names each figure field of the type (SERVICE_HOURS is `serviceHours`,
 * COVERAGE_KEY_ENTERPRISE is `coverage { keyEnterprise }`), and a ranking or series runs that
 * field's own resolver at each node or period, so it gives exactly the figure the field gives. All
 * the nodes' (or periods') values are asked in the same step, so the figures engine computes them
 * in one statement. A subgraph whose enum misses a figure field (or names one that is not there)
 * does not start: a new figure cannot be left out of rankings and series.
 */
const COUNT = 'CountFigure';
const RATE = 'RateFigure';
const GENERIC = new Set(['ranking', 'series']);
/** Arguments every figure field takes itself, set by the ranking or series rather than by `args`. */
const PERIOD_ARGS = new Set(['year', 'asOf']);
/** At most this many years of months in one series (a dashboard's trend line, not a data dump). */
const MAX_MONTH_YEARS = 5;

type Figure = CountFigure | RateFigure;
type FigureField = GraphQLField<unknown, RequestContext>;

/** A figure of a figures type: the fields from the type down to the CountFigure or RateFigure. */
interface FigurePath {
  fields: FigureField[];
  /** the type each field belongs to (resolvers and Apollo's plugins read it from `info`) */
  owners: GraphQLObjectType[];
  kind: 'count' | 'rate';
}

interface FigureArgumentInput {
  name: string;
  value: string;
}

const constantCase = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

const leafKind = (field: FigureField): 'count' | 'rate' | null => {
  if (isListType(isNonNullType(field.type) ? field.type.ofType : field.type)) return null;
  const name = getNamedType(field.type).name;
  return name === COUNT ? 'count' : name === RATE ? 'rate' : null;
};

/** Every figure of a figures type by its enum name: its own figure fields, and those one object below (coverage { park }). */
function figurePaths(type: GraphQLObjectType): Map<string, FigurePath> {
  const paths = new Map<string, FigurePath>();
  for (const field of Object.values(type.getFields())) {
    if (GENERIC.has(field.name) || field.deprecationReason) continue;
    const kind = leafKind(field);
    if (kind) {
      paths.set(constantCase(field.name), { fields: [field], owners: [type], kind });
      continue;
    }
    const inner = getNamedType(field.type);
    if (!(inner instanceof GraphQLObjectType) || isListType(isNonNullType(field.type) ? field.type.ofType : field.type)) continue;
    for (const sub of Object.values(inner.getFields())) {
      const subKind = leafKind(sub);
      if (subKind && !sub.deprecationReason) {
        paths.set(`${constantCase(field.name)}_${constantCase(sub.name)}`, { fields: [field, sub], owners: [type, inner], kind: subKind });
      }
    }
  }
  return paths;
}

/** An argument given as text, read as the figure argument's type (BAD_USER_INPUT naming it when it does not fit). */
function argumentValue(field: FigureField, given: FigureArgumentInput): unknown {
  const arg = field.args.find((a) => a.name === given.name)!;
  const type = getNamedType(arg.type);
  const wrong = () =>
    badInput(
      `参数 ${given.name} 的值 ${given.value} 不符合其类型 ${type.name} / argument ${given.name}: ${given.value} is not a ${type.name}`,
      'args',
    );
  try {
    if (isScalarType(type) && !['Int', 'Float', 'Boolean'].includes(type.name)) return type.parseValue(given.value);
    const value = valueFromAST(parseValue(given.value), arg.type);
    if (value === undefined) throw wrong();
    return value;
  } catch (e) {
    if (e instanceof Error && 'extensions' in e && (e as { extensions: { field?: string } }).extensions.field === 'args') throw e;
    throw wrong();
  }
}

/** Each field's arguments: the period, the ones given that it declares, and its own defaults. */
function argumentsFor(path: FigurePath, given: FigureArgumentInput[], period: { year: number; asOf?: string | null }) {
  const unknown = given.filter((g) => PERIOD_ARGS.has(g.name) || !path.fields.some((f) => f.args.some((a) => a.name === g.name)));
  if (unknown.length) {
    const known = path.fields.flatMap((f) => f.args.map((a) => a.name)).filter((n) => !PERIOD_ARGS.has(n));
    throw badInput(
      `该指标没有参数 ${unknown.map((u) => u.name).join('、')}（可用：${known.join('、') || '无'}）/ this figure takes no argument ${unknown
        .map((u) => u.name)
        .join(', ')} (it takes: ${known.join(', ') || 'none'})`,
      'args',
    );
  }
  return path.fields.map((field) => {
    const out: Record<string, unknown> = {};
    for (const arg of field.args) {
      const g = given.find((x) => x.name === arg.name);
      if (arg.name === 'year') out.year = period.year;
      else if (arg.name === 'asOf') out.asOf = period.asOf ?? null;
      else if (g) out[arg.name] = argumentValue(field, g);
      else if (arg.defaultValue !== undefined) out[arg.name] = arg.defaultValue;
    }
    return out;
  });
}

/** Runs the figure's own resolvers from a node's figures object down to the figure. */
async function evaluate(
  ctx: RequestContext,
  info: GraphQLResolveInfo,
  node: RegionNode,
  path: FigurePath,
  args: Record<string, unknown>[],
) {
  let value: unknown = node;
  for (let i = 0; i < path.fields.length; i++) {
    const field = path.fields[i];
    const here = { ...info, fieldName: field.name, parentType: path.owners[i], returnType: field.type };
    value = await (field.resolve ?? defaultFieldResolver)(value, args[i], ctx, here);
  }
  return value as Figure;
}

const valueOf = (path: FigurePath, figure: Figure): number | null =>
  path.kind === 'count' ? (figure as CountFigure).value : (figure as RateFigure).pct;
const detail = (path: FigurePath, figure: Figure) => ({
  value: valueOf(path, figure),
  count: path.kind === 'count' ? figure : null,
  rate: path.kind === 'rate' ? figure : null,
});

interface RankingArgs {
  figure: string;
  year: number;
  asOf?: string | null;
  args?: FigureArgumentInput[] | null;
  level?: RankingLevel | null;
  order?: 'ASC' | 'DESC' | null;
  first?: number | null;
}

interface SeriesArgs {
  figure: string;
  fromYear: number;
  toYear?: number | null;
  byMonth?: boolean | null;
  args?: FigureArgumentInput[] | null;
}

/**
 * The figure at every node compared, sorted (DESC: largest first), equal values sharing a rank and
 * ordered by code; a rate whose denominator is 0 has no value and comes last either way.
 */
async function ranking(paths: Map<string, FigurePath>, node: RegionNode, a: RankingArgs, ctx: RequestContext, info: GraphQLResolveInfo) {
  const path = paths.get(a.figure)!;
  if (a.first !== null && a.first !== undefined && (!Number.isInteger(a.first) || a.first < 0)) {
    throw badInput('first 应为非负整数 / first must be zero or more', 'first');
  }
  const period = periodOf(a.year, a.asOf);
  const args = argumentsFor(path, a.args ?? [], a);
  const codes = await ctx.regionTree.nodesUnder(node.code, a.level ?? 'CHILDREN', period.asOf);
  const figures = await Promise.all(codes.map((code) => evaluate(ctx, info, { code }, path, args)));
  const sign = a.order === 'ASC' ? 1 : -1;
  const rows = codes
    .map((code, i) => ({ code, ...detail(path, figures[i]) }))
    .sort((x, y) => {
      if (x.value === null || y.value === null) return x.value === y.value ? cmp(x.code, y.code) : x.value === null ? 1 : -1;
      return x.value !== y.value ? sign * (x.value - y.value) : cmp(x.code, y.code);
    });
  let rank = 0;
  const ranked = rows.map((row, i) => {
    if (i === 0 || row.value !== rows[i - 1].value) rank = i + 1;
    return { rank, region: { code: row.code }, value: row.value, count: row.count, rate: row.rate };
  });
  return a.first === null || a.first === undefined ? ranked : ranked.slice(0, a.first);
}

const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** The periods of a series: each year fromYear…toYear whole, or each month of those years. */
function seriesPeriods(a: SeriesArgs): (Period & { month: number | null })[] {
  const years = yearRange(a.fromYear, a.toYear ?? a.fromYear);
  if (!a.byMonth) return years.map((p) => ({ ...p, month: null }));
  if (years.length > MAX_MONTH_YEARS)
    throw badInput(`按月最多${MAX_MONTH_YEARS}年 / by month, at most ${MAX_MONTH_YEARS} years at once`, 'toYear');
  return years.flatMap((y) => Array.from({ length: 12 }, (_, i) => ({ ...monthPeriod(y.year, i + 1), month: i + 1 })));
}

/** The figure over each period, each with the same period a year earlier. */
async function series(paths: Map<string, FigurePath>, node: RegionNode, a: SeriesArgs, ctx: RequestContext, info: GraphQLResolveInfo) {
  const path = paths.get(a.figure)!;
  const periods = seriesPeriods(a);
  const figures = await Promise.all(
    periods.map((p) => evaluate({ ...ctx, figurePeriod: p }, info, node, path, argumentsFor(path, a.args ?? [], { year: p.year }))),
  );
  return periods.map((p, i) => ({ year: p.year, month: p.month, from: p.from, to: p.to, ...detail(path, figures[i]) }));
}

/** Installs `ranking` and `series` on every figures type that declares them, after checking their enum. */
export function installFigureQueries(schema: GraphQLSchema): GraphQLSchema {
  const problems: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    const fields = type.getFields();
    const generic = [fields.ranking, fields.series].filter(Boolean);
    if (!generic.length) continue;
    const paths = figurePaths(type);
    for (const field of generic) {
      const figureArg = field.args.find((a) => a.name === 'figure');
      const enumType = figureArg && getNamedType(figureArg.type);
      if (!enumType || !isEnumType(enumType)) {
        problems.push(`${type.name}.${field.name} needs an argument figure: <enum of its figures>`);
        continue;
      }
      problems.push(...enumProblems(type, enumType, paths));
    }
    if (fields.ranking) fields.ranking.resolve = (node: RegionNode, a, ctx, info) => ranking(paths, node, a as RankingArgs, ctx, info);
    if (fields.series) fields.series.resolve = (node: RegionNode, a, ctx, info) => series(paths, node, a as SeriesArgs, ctx, info);
  }
  if (problems.length) throw new Error(`figure enums out of step with their figures types:\n  ${[...new Set(problems)].join('\n  ')}`);
  resolveRankedRegions(schema);
  return schema;
}

type ReferenceResolver = (ref: { __typename: string; code: string }, ctx: RequestContext, info: GraphQLResolveInfo) => unknown;

/**
 * A ranked node is a Region reference; in the subgraph that owns Region (the region tree's) its
 * fields are read from the entity, so the row's region is resolved as an entity reference would be.
 */
function resolveRankedRegions(schema: GraphQLSchema) {
  const rank = schema.getType('FigureRank');
  const region = schema.getType('Region');
  if (!(rank instanceof GraphQLObjectType) || !(region instanceof GraphQLObjectType)) return;
  const resolveReference = (region.extensions as { apollo?: { subgraph?: { resolveReference?: ReferenceResolver } } }).apollo?.subgraph
    ?.resolveReference;
  if (!resolveReference) return;
  rank.getFields().region.resolve = (row: { region: { code: string } }, _args, ctx: RequestContext, info) =>
    resolveReference({ __typename: 'Region', code: row.region.code }, ctx, info);
}

function enumProblems(type: GraphQLObjectType, enumType: GraphQLEnumType, paths: Map<string, FigurePath>): string[] {
  const names = new Set(enumType.getValues().map((v) => v.name));
  return [
    ...[...paths.keys()].filter((n) => !names.has(n)).map((n) => `${enumType.name} lacks ${n} (a figure of ${type.name})`),
    ...[...names].filter((n) => !paths.has(n)).map((n) => `${enumType.name}.${n} names no figure of ${type.name}`),
  ];
}

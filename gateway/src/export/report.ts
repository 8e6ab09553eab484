import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApolloServer } from '@apollo/server';
import type express from 'express';
import {
  getNamedType,
  GraphQLObjectType,
  Kind,
  parse,
  print,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { Caller } from '@district/common';
import { neutraliseFormula } from '@district/ledger';
import type { GatewayConfig } from '../config';
import { httpError } from '../http-errors';
import type { GatewayContext } from '../context';
import { attachment, execute, formatOf, statusOf } from './run';
import { chineseLabel, fieldsOf, fragmentsOf, type Cell } from './table';
import { tableWriter } from './writers';

/**
 * The work report of any node and year as a workbook (or CSV): one row per figure of the reviewed
 * annual-report operation, with its value, last year's and the change. The operation is the one in
 * schema/operations/ (what `pnpm report` prints); here every figure is asked whole (value, last
 * year, change, growth; a rate's percent, numerator and denominator), and the aliases that only
 * re-read a figure's last year or growth are left out since those are columns of its row.
 */
const REPORT_FILE = 'annual-report.graphql';
const NAME_ALIAS = 'exportRegionName_';
const COUNT = 'CountFigure';
const RATE = 'RateFigure';

export const REPORT_HEADER = ['指标代码', '指标', '本期值', '上年同期', '增减', '同比增长(%)', '分子', '分母'];

const field = (name: string, selections?: FieldNode[]): FieldNode => ({
  kind: Kind.FIELD,
  name: { kind: Kind.NAME, value: name },
  ...(selections ? { selectionSet: { kind: Kind.SELECTION_SET, selections } } : {}),
});

const WHOLE: Record<string, SelectionSetNode> = {
  [COUNT]: { kind: Kind.SELECTION_SET, selections: ['value', 'previousYear', 'change', 'growthPct'].map((f) => field(f)) },
  [RATE]: {
    kind: Kind.SELECTION_SET,
    selections: [...['pct', 'numerator', 'denominator'].map((f) => field(f)), field('previousYear', [field('pct')]), field('changePoints')],
  },
};

/** The report operation asking every figure whole, and the node's name. */
export function wholeFigures(schema: GraphQLSchema, doc: DocumentNode): DocumentNode {
  const info = new TypeInfo(schema);
  const rewritten = visit(
    doc,
    visitWithTypeInfo(info, {
      Field: {
        enter(node) {
          const type = info.getType();
          const named = type && getNamedType(type).name;
          if (named !== COUNT && named !== RATE) return undefined;
          const own = named === RATE ? 'pct' : 'value';
          // `x: certifiedHolders { value: previousYear }` re-reads a figure: its row has that column
          const asksValue = node.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && s.name.value === own);
          return asksValue ? { ...node, selectionSet: WHOLE[named] } : null;
        },
        leave(node) {
          // a field whose figures were all re-reads goes too
          return node.selectionSet && !node.selectionSet.selections.length ? null : undefined;
        },
      },
    }),
  );
  return visit(rewritten, {
    Field(node) {
      if (node.name.value !== 'region' || !node.selectionSet) return undefined;
      const name: FieldNode = { ...field('name'), alias: { kind: Kind.NAME, value: NAME_ALIAS } };
      return { ...node, selectionSet: { ...node.selectionSet, selections: [name, ...node.selectionSet.selections] } };
    },
  });
}

const num = (v: unknown): Cell => (typeof v === 'number' ? v : null);

/** What distinguishes a figure asked more than once (五步议事法 …), from its arguments other than the period. */
const argumentsText = (node: FieldNode) =>
  (node.arguments ?? [])
    .filter((a) => !['year', 'asOf'].includes(a.name.value) && a.value.kind !== Kind.VARIABLE)
    .map((a) => print(a.value).replace(/^"|"$/g, ''))
    .join('，');

/** One row per figure, walking the answer beside the operation and the schema. */
export function reportRows(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  set: SelectionSetNode,
  data: Record<string, unknown> | null | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  path: string[] = [],
): Cell[][] {
  if (!data) return [];
  const rows: Cell[][] = [];
  for (const node of fieldsOf(set, fragments)) {
    const def = type.getFields()[node.name.value];
    const key = node.alias?.value ?? node.name.value;
    const value = data[key] as Record<string, any> | null | undefined;
    if (!def || !node.selectionSet) continue;
    const named = getNamedType(def.type);
    const here = path.length === 0 && key === 'structure' ? [] : [...path, key];
    const args = argumentsText(node);
    const label = chineseLabel(def.description, key) + (args ? `（${args}）` : '');
    if (named.name === COUNT) {
      rows.push([
        here.join('.'),
        label,
        num(value?.value),
        num(value?.previousYear),
        num(value?.change),
        num(value?.growthPct),
        null,
        null,
      ]);
    } else if (named.name === RATE) {
      rows.push([
        here.join('.'),
        `${label}（%）`,
        num(value?.pct),
        num(value?.previousYear?.pct),
        num(value?.changePoints),
        null,
        num(value?.numerator),
        num(value?.denominator),
      ]);
    } else if (named instanceof GraphQLObjectType) {
      rows.push(...reportRows(schema, named, node.selectionSet, value, fragments, here));
    }
  }
  return rows;
}

export async function annualReportRoute(
  apollo: ApolloServer<GatewayContext>,
  schema: GraphQLSchema,
  config: GatewayConfig,
  req: express.Request,
  res: express.Response,
): Promise<void> {
  const format = formatOf(req);
  if (!format) return httpError(res, 400, 'format 应为 csv 或 xlsx / format must be csv or xlsx', 'BAD_USER_INPUT');
  const code = String(req.query.code ?? req.query.region ?? '').trim();
  const year = Number(req.query.year);
  if (!code) return httpError(res, 400, '请给出区划代码 code / give the node: code=<region code>', 'BAD_USER_INPUT');
  if (!Number.isInteger(year)) return httpError(res, 400, '请给出年份 year / give the year: year=2025', 'BAD_USER_INPUT');

  const doc = wholeFigures(schema, parse(readFileSync(join(config.TRUSTED_OPERATIONS_DIR, REPORT_FILE), 'utf8')));
  const caller = res.locals.caller as Caller;
  const execution = await execute(apollo, { caller }, print(doc), { region: code, year });
  const region = execution.data?.region as Record<string, unknown> | null | undefined;
  if (execution.errors?.length || !region) {
    return void res
      .status(execution.errors?.length ? statusOf(execution) : 404)
      .json({ errors: execution.errors ?? [{ message: `区划不存在 / no such node: ${code}`, extensions: { code: 'NOT_FOUND' } }] });
  }
  const fragments = fragmentsOf(doc);
  const regionField = fieldsOf(
    (doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as { selectionSet: SelectionSetNode }).selectionSet,
    fragments,
  ).find((f) => f.name.value === 'region')!;
  const rows = reportRows(schema, schema.getType('Region') as GraphQLObjectType, regionField.selectionSet!, region, fragments);

  const writer = tableWriter(format, res, `${year}年工作报告指标`);
  attachment(res, writer, `annual-report-${code}-${year}`);
  await writer.header(
    REPORT_HEADER,
    neutraliseFormula(`${String(region[NAME_ALIAS] ?? code)} ${year}年工作报告指标 / work report figures`),
  );
  for (const row of rows) await writer.row(row);
  await writer.end();
}

import { GraphQLScalarType, Kind } from 'graphql';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Dates are calendar days as 'YYYY-MM-DD' strings end to end, so nothing shifts with a time zone. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: '日期 YYYY-MM-DD / a calendar date',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return String(value);
  },
  parseValue(value) {
    if (typeof value !== 'string' || !isCalendarDate(value))
      throw new TypeError(`日期应为 YYYY-MM-DD / a Date must be YYYY-MM-DD, got ${JSON.stringify(value)}`);
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || !isCalendarDate(ast.value)) throw new TypeError('日期应为 YYYY-MM-DD / a Date must be YYYY-MM-DD');
    return ast.value;
  },
});

/** Today in China (UTC+8), the day the district's offices live in. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

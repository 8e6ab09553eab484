import { GraphQLScalarType, Kind } from 'graphql';
import { calendarDateProblem } from '@district/common';

/** Dates are calendar days as 'YYYY-MM-DD' strings end to end, so nothing shifts with a time zone. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: '日期 YYYY-MM-DD / a calendar date',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return String(value);
  },
  parseValue(value) {
    if (typeof value !== 'string') throw new TypeError(`日期应为 YYYY-MM-DD / a Date must be YYYY-MM-DD, got ${JSON.stringify(value)}`);
    const problem = calendarDateProblem(value);
    if (problem) throw new TypeError(problem);
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new TypeError('日期应为 YYYY-MM-DD / a Date must be YYYY-MM-DD');
    const problem = calendarDateProblem(ast.value);
    if (problem) throw new TypeError(problem);
    return ast.value;
  },
});

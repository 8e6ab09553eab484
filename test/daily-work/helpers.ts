import type { Caller, Department } from '@district/common';
import type { GatewayResult, TestStack } from '../kit/stack';

/**
 * What the daily-work scenarios share: the callers a district's offices use, and reading a figure
 * or an error the way a clerk's app does, through the gateway.
 */
export const department = (d: Department): Caller => ({ subject: `e2e-${d}`, roles: ['DEPARTMENT'], department: d });
export const street = (code: string): Caller => ({ subject: `e2e-street-${code}`, roles: ['STREET'], regionScope: code });
export const analyst: Caller = { subject: 'e2e-analyst', roles: ['ANALYST'] };

export const errorOf = (res: GatewayResult<unknown>) => ({
  code: res.errors?.[0]?.extensions?.code,
  field: res.errors?.[0]?.extensions?.field,
});

/** Runs an operation and expects it to succeed; returns its data. */
export async function ok<T = Record<string, any>>(
  stack: TestStack,
  query: string,
  variables: Record<string, unknown>,
  as: Caller,
): Promise<T & Record<string, any>> {
  const res = await stack.query<T>(query, variables, as);
  expect(res.errors).toBeUndefined();
  return res.data as T & Record<string, any>;
}

/** One figure's value at a node, as an analyst reads it: `path` is the figure field under Region, e.g. `workforce { f: workers(year: 2026) }`. */
export async function figure(stack: TestStack, code: string, selection: string): Promise<number> {
  const res = await stack.query(`query($c: ID!) { region(code: $c) { ${selection} } }`, { c: code }, analyst);
  expect(res.errors).toBeUndefined();
  let node: any = res.data!.region;
  while (node && typeof node === 'object' && !('value' in node)) node = Object.values(node)[0];
  return node.value as number;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { creditCodeCheckChar, idNumberCheckChar, organisationCodeCheckChar } from '@district/common';

/** The shared datasets beside the project (../shared/datasets). Tests read them in place. */
export const DATASETS = join(__dirname, '..', '..', '..', 'shared', 'datasets');
export const SHANGJIE = join(DATASETS, 'shangjie-2025');
export const SHANGJIE_DISTRICT = '410106';

export interface Expected {
  district: string;
  year: number;
  figures: Record<string, { value: number }>;
  files: { file: string; rows: number }[];
}

export const expected = JSON.parse(readFileSync(join(SHANGJIE, 'expected.json'), 'utf8')) as Expected;

/** The expected figures as { key: value }, as `pnpm report` prints them. */
export const expectedFigures = (): Record<string, number> =>
  Object.fromEntries(Object.entries(expected.figures).map(([k, v]) => [k, v.value]));

/** A valid resident ID number (GB 11643 check digit) for people registered in tests. */
export function testIdNumber(seq: number, born = '19900101', region = '410106'): string {
  const body = `${region}${born}${String(seq).padStart(3, '0')}`;
  return body + idNumberCheckChar(body);
}

/**
 * A valid unified social credit code (GB 32100, with the GB 11714 organisation code inside) for an
 * organisation made in a test: its registering authority (5 civil affairs, 9 market regulation), its
 * type digit, Shangjie's region code, an organisation code of its own.
 */
export function testCreditCode(seq: number, typeDigit = '1', authority = '5'): string {
  const body = `9${String(seq).padStart(7, '0')}`;
  const first17 = `${authority}${typeDigit}410106${body}${organisationCodeCheckChar(body)}`;
  return first17 + creditCodeCheckChar(first17);
}

/** Flattens `{ a: { value: 1 }, b: { c: { value: 2 } } }` to `{ a: 1, 'b.c': 2 }`. */
export function flatten(node: unknown, path: string[] = [], out: Record<string, unknown> = {}): Record<string, unknown> {
  if (!node || typeof node !== 'object') return out;
  const entries = Object.entries(node as Record<string, unknown>);
  if (entries.length === 1 && entries[0][0] === 'value') {
    out[path.join('.')] = entries[0][1];
    return out;
  }
  for (const [k, v] of entries) flatten(v, [...path, k], out);
  return out;
}

import { badInput } from './errors';

/**
 * Ledger numbers (工号, 小区编号, 站点编号 …) are unique only within a district; the `id` a client
 * sees is unique across the deployment: the district's 6-digit code, a colon, the local number
 * (e.g. 410106:XQ0001). National codes (region codes, credit codes, ID numbers) are their own ids.
 */
export const globalId = (district: string, local: string): string => `${district}:${local}`;

const GLOBAL = /^(\d{6}):(.+)$/;

export const isGlobalId = (id: string): boolean => GLOBAL.test(id);

/** The district and local number of a global id, or BAD_USER_INPUT naming the field. */
export function parseGlobalId(id: string, field = 'id'): { district: string; local: string } {
  const m = GLOBAL.exec((id ?? '').trim());
  if (!m)
    throw badInput(`编号应为“区县代码:编号”，如 410106:XQ0001 / ${field} must be "<district code>:<number>", e.g. 410106:XQ0001`, field);
  return { district: m[1], local: m[2] };
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, districtOf } from '@district/common';
import {
  existingIn,
  outsideDistrict,
  referenceDefect,
  str,
  vocabulary,
  type Defect,
  type ImportContext,
  type ValidRow,
} from '@district/ledger';
import { amountOf, notFuture, regionCodeOf } from '@district/subgraph-kit';
import { Region } from '../regions/region.entity';

/**
 * What the grassroots-governance modules (facilities, autonomy stations, elections, suggestions)
 * share: the funding sources a street office reports money by, the list of rooms a community names,
 * and the checks of a community a record sits in.
 */
export const FUNDING_SOURCES = vocabulary({
  市级: 'CITY',
  区级: 'DISTRICT',
  街道: 'STREET',
  社区保障资金: 'COMMUNITY_FUND',
  众筹: 'CROWDFUNDING',
  社会捐赠: 'DONATION',
  其他: 'OTHER',
} as const);

/** Rooms as a community lists them (乒乓球室、书法室); stored joined by 、, read back as a list. */
export function roomsOf(value: string | readonly string[] | null | undefined): string | null {
  const list = (typeof value === 'string' ? value.split(/[、,，;；]/) : (value ?? [])).map((r) => r.trim()).filter(Boolean);
  if (list.some((r) => r.length > 30)) throw badInput('功能室名称过长 / a room name is too long (30 characters)', 'rooms');
  return list.length ? [...new Set(list)].join('、') : null;
}

export const roomList = (stored: string | null | undefined): string[] => (stored ? stored.split('、') : []);

/** A live community of the tree, for mutations. */
export async function communityOf(em: EntityManager, raw: string, field: string): Promise<string> {
  const code = regionCodeOf(raw, field);
  if (!(await em.findOne(Region, { code, level: 'COMMUNITY' }))) throw badInput(`社区不存在：${code} / no such community`, field);
  return code;
}

/** A correction never moves a record into another district. */
export function sameDistrict(code: string, district: string, field: string): string {
  if (districtOf(code) !== district) throw badInput('不能更正到其他区县 / not into another district', field);
  return code;
}

/** An amount in yuan as stored (two decimals), or null. */
export const moneyOf = (value: number | null | undefined, field: string, label: string): string | null | undefined =>
  value === undefined ? undefined : value === null ? null : amountOf(value, field, label).toFixed(2);

/** A day that may be absent (null clears it), never in the future. */
export const optionalDay = (value: string | null | undefined, field: string, label: string): string | null | undefined =>
  value === undefined || value === null ? value : notFuture(value, field, label);

/** Days that must follow one another (each null or not before the one before). */
export function assertDaysInOrder(days: [string | null | undefined, string, string][]): void {
  let before: { day: string; label: string } | null = null;
  for (const [day, field, label] of days) {
    if (!day) continue;
    if (before && day < before.day) throw badInput(`${label}早于${before.label} / ${field} is before ${before.label}`, field);
    before = { day, label };
  }
}

/** Import check: every row's community lies in the import's district and exists as a community. */
export async function communityDefects<K extends string>(
  batch: ValidRow<K>[],
  ctx: ImportContext,
  key: K,
  header: string,
): Promise<Defect[]> {
  const outside = outsideDistrict(batch, ctx, (r) => str(r.value[key]), header);
  const known = await existingIn(
    ctx.db,
    'region',
    'code',
    batch.map((r) => str(r.value[key])),
    `level = 'COMMUNITY' AND withdrawn_on IS NULL`,
  );
  return [
    ...outside,
    ...batch
      .filter((r) => !known.has(str(r.value[key])))
      .map((r) => referenceDefect(ctx.file, r.row, header, `社区不存在：${str(r.value[key])} / no such community`)),
  ];
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** A moment as China's wall-clock time, ISO 8601 with its offset: what district users read. */
export function chinaTime(at: Date): string;
export function chinaTime(at: Date | null | undefined): string | null;
export function chinaTime(at: Date | null | undefined): string | null {
  if (!at) return null;
  return `${new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** SQL: the China calendar day of a timestamptz column. */
export const chinaDay = (column: string) => `(${column} AT TIME ZONE 'Asia/Shanghai')::date`;

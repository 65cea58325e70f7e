/**
 * UTC calendar helpers on "epoch days" (whole days since 1970-01-01): compact enough for typed
 * arrays, and free of time-zone surprises.
 */

export const DAY_MS = 86_400_000;

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` to epoch days; undefined unless it is a real calendar date. */
export function parseYmd(text: string): number | undefined {
  const m = YMD.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  return ms / DAY_MS;
}

/** Epoch days to `YYYY-MM-DD`. */
export function formatYmd(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Accepts a `YYYY-MM-DD` string or a Date (its UTC day). */
export function toEpochDay(value: string | Date): number {
  if (value instanceof Date) return Math.floor(value.getTime() / DAY_MS);
  const day = parseYmd(value);
  if (day === undefined) throw new RangeError(`not a YYYY-MM-DD date: ${value}`);
  return day;
}

/** The Monday (epoch days) of the ISO week holding `day`. */
export function isoWeekMonday(day: number): number {
  // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays.
  return day - ((((day + 3) % 7) + 7) % 7);
}

/** ISO week label, `YYYY-Www`, of the week holding `day`. */
export function isoWeekLabel(day: number): string {
  const thursday = isoWeekMonday(day) + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / DAY_MS;
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** U.S. federal fiscal year (October to September) of `day`. */
export function federalFiscalYear(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() + (d.getUTCMonth() >= 9 ? 1 : 0);
}

/** Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(day: number, months: number): number {
  const d = new Date(day * DAY_MS);
  const target = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
  const t = new Date(target);
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), Math.min(d.getUTCDate(), last)) / DAY_MS;
}

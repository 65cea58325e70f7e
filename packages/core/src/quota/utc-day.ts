/** The UTC calendar day of `date` as `YYYY-MM-DD`: the key daily budgets are counted under. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The next 00:00 UTC after `date`, when a daily budget resets. */
export function nextUtcMidnight(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1));
}

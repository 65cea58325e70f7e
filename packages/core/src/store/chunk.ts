/** Splits `items` into runs of at most `size` (at least 1). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const step = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += step) out.push(items.slice(i, i + step));
  return out;
}

/** How many rows of `columns` bound values fit in one statement under `maxParameters`. */
export function rowsPerStatement(maxParameters: number, columns: number): number {
  return Math.max(1, Math.floor(maxParameters / columns));
}

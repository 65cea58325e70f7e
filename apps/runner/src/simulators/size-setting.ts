// Parsed while the command table is built, so it imports nothing.

/** One `--size <source>.<name>=<n>`. */
export interface SizeSetting {
  sourceId: string;
  name: string;
  value: number;
}

const SIZE = /^([a-z][a-z0-9_]*)\.([A-Za-z][A-Za-z0-9]*)=(\d+)$/;

/** Parses `nih.weeks=60`; null when it is not of that form. */
export function parseSize(text: string): SizeSetting | null {
  const match = SIZE.exec(text.trim());
  if (!match) return null;
  const value = Number(match[3]);
  return Number.isSafeInteger(value) ? { sourceId: match[1]!, name: match[2]!, value } : null;
}

import { ErrorCodes, FreshetError } from '../errors.js';

const UNIT_MS = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
} as const;

type Unit = keyof typeof UNIT_MS;

const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const EXAMPLE = 'use a whole number and a unit, e.g. "7d", "12h", "30m", "45s" or "1500ms"';

/** Parses `7d`, `12h`, `30m`, `45s` or `1500ms` into milliseconds. */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text.trim());
  if (!match) {
    throw new FreshetError(ErrorCodes.CONFIG_INVALID, `invalid duration ${JSON.stringify(text)}; ${EXAMPLE}`);
  }
  const amount = Number(match[1]);
  const ms = amount * UNIT_MS[match[2] as Unit];
  if (!Number.isSafeInteger(ms)) {
    throw new FreshetError(ErrorCodes.CONFIG_INVALID, `duration ${JSON.stringify(text)} is too large`);
  }
  return ms;
}

/** The largest unit that divides `ms` exactly, so `parseDuration(formatDuration(x)) === x`. */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) return `${ms}ms`;
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms > 0 && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}

import { ErrorCodes, FreshetError } from '@freshet/core';

// A time starts with its date; anything else is taken for a run id (run_20250320T020000Z_3f9a1c).
const STARTS_WITH_DATE = /^\d{4}-\d{2}-\d{2}/;

/** `--changed-since`: an ISO 8601 time (`2025-03-20`, `2025-03-20T02:00:00Z`) or a run id. */
export function parseChangedSince(value: string): Date | { runId: string } {
  const text = value.trim();
  if (!STARTS_WITH_DATE.test(text)) {
    if (text.length === 0) throw invalid(value);
    return { runId: text };
  }
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) throw invalid(value);
  return time;
}

function invalid(value: string): FreshetError {
  return new FreshetError(
    ErrorCodes.CONFIG_INVALID,
    `--changed-since ${JSON.stringify(value)} is neither a time nor a run id; give an ISO 8601 time such as 2025-03-20T02:00:00Z, or a run id from \`freshet runs list\``,
  );
}

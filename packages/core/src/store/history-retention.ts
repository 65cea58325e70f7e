import type { HistoryRetention } from './types.js';

/**
 * Enough to diff last night's changes and a month of them: 30 days covers the slowest default
 * SLA (patentsview, 30d), so a record refreshed monthly still has its previous revision when
 * the next refresh changes it; 5 revisions bound what a record that changes daily keeps.
 */
export const DEFAULT_HISTORY_RETENTION: Readonly<HistoryRetention> = Object.freeze({
  keepRevisions: 5,
  keepDays: 30,
});

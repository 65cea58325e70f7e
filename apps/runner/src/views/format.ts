import type { RunTotals } from '../runs/types.js';

// Words the CLI and the UI both print, so a time or a total reads the same in a terminal and a page.

/** `850 ms`, `4.2 s`, `3 min 4 s`, `2 h 5 min`, `3 d 4 h`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.floor(s % 60)} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** `2025-03-20 12:00Z` (minutes are enough for people). */
export function formatTime(value: Date | string | null): string {
  if (value === null) return '-';
  const iso = typeof value === 'string' ? value : value.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** A run's totals in one line: partitions by outcome, records, API calls. */
export function describeTotals(t: RunTotals): string {
  return [
    `${t.complete} complete, ${t.failed} failed, ${t.deferred} deferred, ${t.skipped} skipped` +
      (t.interrupted > 0 ? `, ${t.interrupted} interrupted` : '') +
      (t.locked > 0 ? `, ${t.locked} locked` : ''),
    `${t.written} records written, ${t.unchanged} unchanged, ${t.notFound} not found`,
    `${plural(t.apiCalls, 'API call')} (${plural(t.retries, 'retry', 'retries')})`,
  ].join('; ');
}

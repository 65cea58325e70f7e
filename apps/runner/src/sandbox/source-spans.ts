import type { Clock } from '@freshet/core';
import type { RunEvent } from '../runs/types.js';

export interface SourceSpans {
  onEvent(event: RunEvent): void;
  /** Per source: from its first partition's start to its last partition's end, in ms. */
  durations(): Map<string, number>;
}

/**
 * A source's wall-clock time in a run. Partitions run in parallel, so their durations added
 * up would overstate it.
 */
export function trackSourceSpans(clock: Clock): SourceSpans {
  const spans = new Map<string, { start: number; end: number }>();
  const sourceOf = (partitionKey: string) => partitionKey.slice(0, partitionKey.indexOf(':'));
  const touch = (source: string, at: number) => {
    const span = spans.get(source);
    if (span === undefined) spans.set(source, { start: at, end: at });
    else span.end = Math.max(span.end, at);
  };
  return {
    onEvent(event) {
      if (event.type !== 'executor') return;
      const e = event.event;
      const at = clock.now().getTime();
      if (e.type === 'partition-start') touch(sourceOf(e.partitionKey), at);
      else if (e.type === 'partition-end') touch(e.result.source, at);
    },
    durations: () => new Map([...spans].map(([source, span]) => [source, span.end - span.start])),
  };
}

import type { ChangePageQuery, RecordChange } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import { countRunChanges } from './run-change-counts.js';

/** A feed of `kinds` for run r1, served in pages as the store serves them. */
function feed(kinds: RecordChange['kind'][]) {
  const changes: RecordChange[] = kinds.map((kind, i) => ({
    id: i + 1,
    runId: 'r1',
    kind,
    source: 'nih',
    partitionKey: 'nih:project_week_2025-W01',
    key: `k${i}`,
    revision: 1,
    changedFields: null,
    at: new Date(0),
  }));
  const queries: ChangePageQuery[] = [];
  return {
    queries,
    async listChanges(query: ChangePageQuery) {
      queries.push(query);
      return changes.filter((c) => c.id > (query.afterId ?? 0)).slice(0, query.limit);
    },
  };
}

describe('countRunChanges', () => {
  it('counts each kind across store pages', async () => {
    const kinds = [
      ...Array<'created'>(6000).fill('created'),
      ...Array<'changed'>(3).fill('changed'),
      ...Array<'gone'>(2).fill('gone'),
    ];
    const store = feed(kinds);
    expect(await countRunChanges(store, 'r1')).toEqual({
      created: 6000,
      changed: 3,
      gone: 2,
      complete: true,
    });
    expect(store.queries.map((q) => q.afterId)).toEqual([undefined, 5000]);
  });

  it('stops at the limit and says the counts are incomplete', async () => {
    const store = feed([...Array<'created'>(8).fill('created'), 'gone', 'gone']);
    expect(await countRunChanges(store, 'r1', 7)).toEqual({
      created: 7,
      changed: 0,
      gone: 0,
      complete: false,
    });
    expect(await countRunChanges(store, 'r1', 10)).toEqual({
      created: 8,
      changed: 0,
      gone: 2,
      complete: true,
    });
  });

  it('counts nothing for a run without changes', async () => {
    expect(await countRunChanges(feed([]), 'r1')).toEqual({
      created: 0,
      changed: 0,
      gone: 0,
      complete: true,
    });
  });
});

import { ErrorCodes, isFreshetError } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import { monthSource, resolved, weekSource } from '../test-support/sources.js';
import { resolveScope } from './scope.js';
import { EMPTY_SCOPE, type RunScope } from './types.js';

const now = new Date('2025-03-20T12:00:00Z');
const sources = [
  resolved(weekSource('nih')),
  resolved(monthSource('patentsview')),
  resolved(weekSource('usaspending'), { enabled: false }),
];
const store = {
  recordKeys: async function* () {
    /* no records */
  },
};
const keys = async (scope: Partial<RunScope>) =>
  (
    await resolveScope({ sources, scope: { ...EMPTY_SCOPE, ...scope }, now, store, rootDir: undefined })
  ).partitions.map((p) => p.key);
const failure = async (scope: Partial<RunScope>) => {
  try {
    await keys(scope);
  } catch (err) {
    if (isFreshetError(err)) return err;
    throw err;
  }
  throw new Error('expected an error');
};

describe('resolveScope', () => {
  it('lists every enabled source’s partitions by default', async () => {
    expect(await keys({})).toEqual([
      'nih:project_week_2025-W10',
      'nih:project_week_2025-W11',
      'nih:project_week_2025-W12',
      'patentsview:grant_month_2025-01',
      'patentsview:grant_month_2025-02',
    ]);
  });

  it('narrows to --source, and takes explicit partitions without listing', async () => {
    expect(await keys({ sources: ['patentsview'] })).toHaveLength(2);
    expect(await keys({ partitions: ['nih:project_week_2024-W52', 'nih:project_week_2024-W52'] })).toEqual([
      'nih:project_week_2024-W52',
    ]);
  });

  it('applies a window to the sources whose cohorts it names', async () => {
    expect(await keys({ window: '2025-W01..2025-W03' })).toEqual([
      'nih:project_week_2025-W01',
      'nih:project_week_2025-W02',
      'nih:project_week_2025-W03',
    ]);
    expect(await keys({ window: '2025-01', partitions: ['nih:project_week_2025-W01'] })).toEqual([
      'nih:project_week_2025-W01',
      'patentsview:grant_month_2025-01',
    ]);
  });

  it('notes each enabled source a window leaves out, and why; none when nothing is left out', async () => {
    const resolve = (scope: Partial<RunScope>) =>
      resolveScope({ sources, scope: { ...EMPTY_SCOPE, ...scope }, now, store, rootDir: undefined });
    const weeks = await resolve({ window: '2025-W01..2025-W03' });
    // usaspending is disabled: not in scope, so not left out by the window.
    expect(weeks.notes).toEqual([
      {
        source: 'patentsview',
        message:
          'left out by --window 2025-W01..2025-W03: its cohorts are months (a patentsview window looks like 2025-01..2025-05); add --source patentsview with such a window to run it',
      },
    ]);
    expect(weeks.problems).toEqual([]);
    expect((await resolve({ window: '2025-01' })).notes.map((n) => [n.source, n.message])).toEqual([
      [
        'nih',
        expect.stringContaining('its cohorts are ISO weeks (a nih window looks like 2025-W12..2025-W16)'),
      ],
    ]);
    expect((await resolve({ sources: ['nih'], window: '2025-W01' })).notes).toEqual([]);
    expect((await resolve({})).notes).toEqual([]);
  });

  it('names the problem and the fix for bad input', async () => {
    const unknown = await failure({ sources: ['sam'] });
    expect(unknown.code).toBe(ErrorCodes.SOURCE_UNKNOWN);
    expect(unknown.message).toContain('configured sources: nih, patentsview, usaspending');

    const disabled = await failure({ partitions: ['usaspending:project_week_2025-W01'] });
    expect(disabled.code).toBe(ErrorCodes.CONFIG_INVALID);
    expect(disabled.message).toContain('disabled');

    const badKey = await failure({ partitions: ['nih:project_week_2025-12'] });
    expect(badKey.code).toBe(ErrorCodes.PARTITION_KEY_INVALID);
    expect(badKey.message).toContain('nih:project_week_2025-W12');

    const leftOut = await failure({ sources: ['patentsview'], partitions: ['nih:project_week_2025-W01'] });
    expect(leftOut.message).toContain('add --source nih');

    const window = await failure({ window: '2025-W10..2025-W01' });
    expect(window.code).toBe(ErrorCodes.PARTITION_KEY_INVALID);
    expect(window.message).toContain('runs backwards');

    const explicit = await failure({ sources: ['patentsview'], window: '2025-W01' });
    expect(explicit.message).toMatch(/--window 2025-W01 for source patentsview: .*2025-01/);
  });

  it('reports a source that cannot list its partitions, and lists the others', async () => {
    const broken = resolved(
      weekSource('sam_gov', {
        listPartitions: async () => {
          throw new Error('the UEI file is missing');
        },
      }),
    );
    const result = await resolveScope({
      sources: [broken, ...sources],
      scope: EMPTY_SCOPE,
      now,
      store,
      rootDir: undefined,
    });
    expect(result.partitions).toHaveLength(5);
    expect(result.problems).toEqual([
      {
        source: 'sam_gov',
        code: 'INTERNAL',
        message: 'could not list its partitions: the UEI file is missing',
      },
    ]);
  });
});

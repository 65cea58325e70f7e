import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliTest } from '../test-support/project.js';
import { parseChangedSince } from './export-since.js';

const test = cliTest({ startDate: '2024-01-01', weeks: 2, projectsPerWeek: 30, rateLimit: null });

describe('freshet export', () => {
  test('writes the stored records of a source, one partition, or those changed since a run', async ({
    project,
  }) => {
    await project.run(['run', '--partition', 'nih:project_week_2024-W01']);
    const all = await project.run(['export', '--source', 'nih', '--format', 'jsonl', '--out', 'all.jsonl']);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^exported 30 nih records to all\.jsonl \(jsonl, [\d.]+ KiB\) in /);
    // Not a terminal: no progress bar on stderr.
    expect(all.stderr).toBe('');
    const lines = (await readFile(join(project.dir, 'all.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(30);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      source: 'nih',
      partition: 'nih:project_week_2024-W01',
      revision: 1,
    });

    project.clock.advance(60_000);
    await project.run(['run', '--partition', 'nih:project_week_2024-W02']);
    const runs = (await project.run(['runs', 'list', '--json'])).json<Array<{ id: string }>>();
    const since = await project.run([
      'export',
      '--source',
      'nih',
      '--changed-since',
      runs[0]?.id as string,
      '--format',
      'csv',
      '--out',
      'since.csv',
      '--json',
    ]);
    expect(since.json()).toMatchObject({ records: 30, format: 'csv', mismatches: {} });
    const csv = (await readFile(join(project.dir, 'since.csv'), 'utf8')).split('\r\n');
    expect(csv[0]).toContain('source,partition,key,revision,first_seen_at,updated_at');
    expect(csv.filter((line) => line.startsWith('nih,nih:project_week_2024-W02,'))).toHaveLength(30);

    const one = await project.run([
      'export',
      '--source',
      'nih',
      '--partition',
      'nih:project_week_2024-W01',
      '--format',
      'parquet',
      '--out',
      'w01.parquet',
      '--json',
    ]);
    expect(one.json()).toMatchObject({ records: 30, format: 'parquet' });
  });

  test('refuses an unconfigured source and a bad --changed-since with exit 2, saying what to give', async ({
    project,
  }) => {
    await project.run(['run', '--partition', 'nih:project_week_2024-W01']);
    const unknown = await project.run(['export', '--source', 'nhi', '--format', 'csv', '--out', 'x.csv']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--source "nhi" is not a configured source (configured: nih)');
    const bad = await project.run([
      'export',
      '--source',
      'nih',
      '--changed-since',
      '2025-13-45',
      '--format',
      'csv',
      '--out',
      'x.csv',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is neither a time nor a run id');
    const format = await project.run(['export', '--source', 'nih', '--format', 'xlsx', '--out', 'x.xlsx']);
    expect(format.code).toBe(2);
  });

  test('shows a live count on a terminal', async ({ project }) => {
    await project.run(['run', '--partition', 'nih:project_week_2024-W01']);
    const result = await project.run(['export', '--source', 'nih', '--format', 'csv', '--out', 'x.csv'], {
      tty: true,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/\d+ records exported \| \d+ records\/s/);
  });

  test('keeps the previous file when the export is stopped', async ({ project }) => {
    await project.run(['run', '--partition', 'nih:project_week_2024-W01']);
    await writeFile(join(project.dir, 'kept.csv'), 'previous\n');
    const stop = new AbortController();
    stop.abort(new Error('Ctrl-C'));
    const result = await project.run(['export', '--source', 'nih', '--format', 'csv', '--out', 'kept.csv'], {
      signals: { stop: stop.signal, abort: stop.signal },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('export stopped; kept.csv is left as it was');
    expect(await readFile(join(project.dir, 'kept.csv'), 'utf8')).toBe('previous\n');
  });
});

describe('parseChangedSince', () => {
  it('reads an ISO time as a time and anything else as a run id', () => {
    expect(parseChangedSince('2025-03-20T02:00:00Z')).toEqual(new Date('2025-03-20T02:00:00Z'));
    expect(parseChangedSince('run_20250320T020000Z_3f9a1c')).toEqual({
      runId: 'run_20250320T020000Z_3f9a1c',
    });
    expect(() => parseChangedSince('  ')).toThrow(/neither a time nor a run id/);
  });
});

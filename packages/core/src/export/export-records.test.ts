import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFreshetError } from '../errors.js';
import { sha256Hex } from '../hashing.js';
import type { Json } from '../json.js';
import { readRecords } from '../library/read-records.js';
import type { SourceColumns } from '../source.js';
import { openSqliteStore } from '../sqlite.js';
import type { Store, StoredRecord } from '../store/types.js';
import { tempDirPerTest } from '../test-support/temp-dir.js';
import { type ExportFormat, exportRecords } from './export-records.js';
import { parquetSchemaOf, readCsv, readJsonl, readParquet } from './test-support/read-back.js';

const dir = tempDirPerTest('freshet-export-');
let store: Store;

const columns: SourceColumns = {
  appl_id: 'integer',
  project_title: 'string',
  award_amount: 'number',
  is_active: 'boolean',
  award_notice_date: 'date',
  'organization.org_name': 'string',
  updated: 'timestamp',
};

// Payloads with what breaks naive writers: commas, quotes, line breaks, non-ASCII, nesting,
// missing fields, and values that do not fit their declared type.
const payloads: Record<string, Json> = {
  '101': {
    appl_id: 101,
    project_title: 'Sensors, "smart" ones\r\nand more',
    award_amount: 1500.25,
    is_active: true,
    award_notice_date: '2021-12-01T12:12:00Z',
    organization: { org_name: 'Université de Montréal', primary_uei: 'ABC123' },
    updated: '2025-03-01T10:00:00Z',
    tags: ['a', 'b'],
  },
  '102': { appl_id: 102, project_title: 'Plain', award_amount: null, is_active: false },
  '103': { appl_id: '103', project_title: 42, award_amount: 'N/A', award_notice_date: 'soon' },
};

const firstSeen = new Date('2025-03-01T00:00:00Z');

beforeEach(async () => {
  store = await openSqliteStore({ path: join(dir(), 'store.sqlite') });
  await write('nih:project_week_2025-W10', ['101', '102'], firstSeen);
  await write('nih:project_week_2025-W11', ['103'], firstSeen);
  await write('sam_gov:uei_batch_0001', ['101'], firstSeen);
});

afterEach(async () => {
  await store.close();
});

async function write(partitionKey: string, keys: string[], at: Date, changed: Record<string, Json> = {}) {
  const source = partitionKey.split(':')[0] as string;
  const records = keys.map((key) => {
    const json = JSON.stringify(changed[key] ?? payloads[key] ?? { id: key });
    return { key, json, hash: sha256Hex(json) };
  });
  await store.upsertRecords({ source, partitionKey, records, at });
}

async function stored(query: Parameters<typeof readRecords>[1]): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  for await (const record of readRecords(store, query)) out.push(record);
  return out;
}

const run = (format: ExportFormat, extra: Partial<Parameters<typeof exportRecords>[1]> = {}) =>
  exportRecords(store, { source: 'nih', columns, format, out: join(dir(), `out.${format}`), ...extra });

describe('exportRecords', () => {
  it('writes JSON Lines that read back equal to the store', async () => {
    const result = await run('jsonl');
    const back = [];
    for await (const row of readJsonl(result.out)) back.push(row);
    expect(back).toEqual(
      (await stored({ source: 'nih' })).map((r) => ({
        source: r.source,
        partition: r.partitionKey,
        key: r.key,
        revision: r.revision,
        first_seen_at: r.firstSeenAt.toISOString(),
        updated_at: r.updatedAt.toISOString(),
        payload: r.payload,
      })),
    );
    expect(result).toMatchObject({ records: 3, format: 'jsonl' });
    expect(result.bytes).toBe((await readFile(result.out)).length);
  });

  it('writes RFC 4180 CSV with typed payload columns that reads back equal to the store', async () => {
    const result = await run('csv');
    const text = await readFile(result.out, 'utf8');
    expect(text.split('\r\n')[0]).toBe(
      'source,partition,key,revision,first_seen_at,updated_at,payload.appl_id,payload.project_title,payload.award_amount,payload.is_active,payload.award_notice_date,payload.organization.org_name,payload.updated,payload',
    );
    const { rows } = await readCsv(result.out);
    const records = await stored({ source: 'nih' });
    expect(rows.map((row) => JSON.parse(row.at(-1) as string))).toEqual(records.map((r) => r.payload));
    expect(rows.map((row) => row.slice(0, 6))).toEqual(
      records.map((r) => [
        'nih',
        r.partitionKey,
        r.key,
        String(r.revision),
        r.firstSeenAt.toISOString(),
        r.updatedAt.toISOString(),
      ]),
    );
    expect(rows.map((row) => row.slice(6, 13))).toEqual([
      [
        '101',
        'Sensors, "smart" ones\r\nand more',
        '1500.25',
        'true',
        '2021-12-01',
        'Université de Montréal',
        '2025-03-01T10:00:00.000Z',
      ],
      ['102', 'Plain', '', 'false', '', '', ''],
      // '103' as a whole-number string fits integer and 42 reads as text; 'N/A' and 'soon' do not fit.
      ['103', '42', '', '', '', '', ''],
    ]);
    expect(result.mismatches).toEqual({ 'payload.award_amount': 1, 'payload.award_notice_date': 1 });
  });

  it('writes Parquet with typed columns that reads back equal to the store', async () => {
    const result = await run('parquet');
    const back = [];
    for await (const row of readParquet(result.out)) back.push(row);
    const records = await stored({ source: 'nih' });
    expect(back.map((row) => row.payload)).toEqual(records.map((r) => r.payload));
    expect(back.map(({ payload: _p, ...rest }) => rest)).toEqual([
      {
        ...recordColumns(records[0] as StoredRecord),
        'payload.appl_id': 101n,
        'payload.project_title': 'Sensors, "smart" ones\r\nand more',
        'payload.award_amount': 1500.25,
        'payload.is_active': true,
        'payload.award_notice_date': new Date('2021-12-01T00:00:00Z'),
        'payload.organization.org_name': 'Université de Montréal',
        'payload.updated': new Date('2025-03-01T10:00:00Z'),
      },
      {
        ...recordColumns(records[1] as StoredRecord),
        'payload.appl_id': 102n,
        'payload.project_title': 'Plain',
        'payload.award_amount': null,
        'payload.is_active': false,
        'payload.award_notice_date': null,
        'payload.organization.org_name': null,
        'payload.updated': null,
      },
      {
        ...recordColumns(records[2] as StoredRecord),
        'payload.appl_id': 103n,
        'payload.project_title': '42',
        'payload.award_amount': null,
        'payload.is_active': null,
        'payload.award_notice_date': null,
        'payload.organization.org_name': null,
        'payload.updated': null,
      },
    ]);
    const types = Object.fromEntries(
      (await parquetSchemaOf(result.out)).map((e) => [e.name, [e.type, e.converted_type].join(' ')]),
    );
    expect(types).toMatchObject({
      'payload.appl_id': 'INT64 ',
      'payload.award_amount': 'DOUBLE ',
      'payload.award_notice_date': 'INT32 DATE',
      'payload.updated': 'INT64 TIMESTAMP_MILLIS',
      payload: 'BYTE_ARRAY JSON',
    });
  });

  it('keeps only the payload as JSON when the source declares no columns', async () => {
    const result = await exportRecords(store, {
      source: 'sam_gov',
      format: 'csv',
      out: join(dir(), 'sam.csv'),
    });
    const { header, rows } = await readCsv(result.out);
    expect(header).toEqual([
      'source',
      'partition',
      'key',
      'revision',
      'first_seen_at',
      'updated_at',
      'payload',
    ]);
    expect(rows).toHaveLength(1);
  });

  it('exports only the partitions asked for, and only records changed since a time', async () => {
    const later = new Date('2025-03-05T00:00:00Z');
    await write('nih:project_week_2025-W10', ['102'], later, {
      '102': { appl_id: 102, project_title: 'Renamed' },
    });

    const one = await run('jsonl', {
      partitions: ['nih:project_week_2025-W11', 'nih:project_week_2025-W11'],
    });
    expect(await keysIn(one.out)).toEqual(['103']);
    const changed = await run('jsonl', { changedSince: later });
    expect(await keysIn(changed.out)).toEqual(['102']);
  });

  it('leaves the file at out as it was, and no temp file, when an export stops half-way', async () => {
    const out = join(dir(), 'out.csv');
    await writeFile(out, 'the previous export\n');
    const controller = new AbortController();
    const listRecords = store.listRecords.bind(store);
    const failing = {
      getRun: store.getRun.bind(store),
      listRecords: async (query: Parameters<Store['listRecords']>[0]) => {
        const page = await listRecords(query);
        controller.abort(new Error('stopped by the test'));
        return page;
      },
    };
    await expect(
      exportRecords(failing, { source: 'nih', format: 'csv', out, signal: controller.signal }),
    ).rejects.toThrow('stopped by the test');
    expect(await readFile(out, 'utf8')).toBe('the previous export\n');
    expect(await readdir(dir())).toEqual(expect.not.arrayContaining([expect.stringMatching(/\.tmp$/)]));
  });

  it('refuses a format it does not write, and an out whose directory is missing, saying what to do', async () => {
    await expect(run('xlsx' as ExportFormat)).rejects.toThrow(
      /format "xlsx" is not one Freshet writes; use jsonl, csv, parquet/,
    );
    const missing = run('jsonl', { out: join(dir(), 'nope', 'out.jsonl') });
    await expect(missing).rejects.toThrow(/does not exist; create .*nope first/);
    await missing.catch((err) => expect(isFreshetError(err) && err.code).toBe('CONFIG_INVALID'));
    await expect(run('jsonl', { out: dir() })).rejects.toThrow(/is a directory/);
  });
});

function recordColumns(r: StoredRecord) {
  return {
    source: r.source,
    partition: r.partitionKey,
    key: r.key,
    revision: r.revision,
    first_seen_at: r.firstSeenAt,
    updated_at: r.updatedAt,
  };
}

async function keysIn(path: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const row of readJsonl(path)) keys.push(row.key as string);
  return keys;
}

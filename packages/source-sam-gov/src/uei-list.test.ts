import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ErrorCodes, isFreshetError } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options.js';
import { detectFormat, parseUeiFile, splitCsvLine } from './uei-file.js';
import { resolveUeiList } from './uei-list.js';

const A = 'ZQGGHJH74DW7';
const B = 'J7M9HPTGJ1S9';
const C = 'QVZMH5JLF274';

describe('UEI files', () => {
  it('reads a CSV with a uei or ueiSAM column, quoted cells and blank cells', () => {
    const text = `name,"ueiSAM",state\r\n"ACME, INC",${A},VA\r\nNO UEI YET,,MD\r\nBeta,"${B.toLowerCase()}",CA\r\n\r\n`;
    expect(parseUeiFile(text, 'recipients.csv')).toEqual({
      entries: [
        { uei: A, where: 'recipients.csv line 2' },
        { uei: B, where: 'recipients.csv line 4' },
      ],
      problems: [],
    });
    expect(parseUeiFile('name,duns\nx,1', 'r.csv').problems).toEqual([
      'r.csv line 1: the header has no "uei" or "ueiSAM" column (columns: name, duns)',
    ]);
    expect(splitCsvLine('a,"b ""c"", d",e')).toEqual(['a', 'b "c", d', 'e']);
  });

  it('reads JSON Lines with a uei or ueiSAM field', () => {
    const text = [
      `{"uei":"${A}"}`,
      `{"ueiSAM":"${B}","name":"x"}`,
      '{"uei":null}',
      '{"name":"no uei"}',
      'not json',
    ].join('\n');
    expect(parseUeiFile(text, 'u.jsonl')).toEqual({
      entries: [
        { uei: A, where: 'u.jsonl line 1' },
        { uei: B, where: 'u.jsonl line 2' },
      ],
      problems: [
        'u.jsonl line 4: has no "uei" or "ueiSAM" string field',
        'u.jsonl line 5: is not a JSON object',
      ],
    });
  });

  it('reads one UEI per line, skipping blank lines and # comments, and reports bad lines by number', () => {
    const text = `# UEIs to refresh\n${A}\n\n  ${C}  \nNOT-A-UEI\n0ABCDEFGHJKL\n`;
    expect(parseUeiFile(text, 'ueis.txt')).toEqual({
      entries: [
        { uei: A, where: 'ueis.txt line 2' },
        { uei: C, where: 'ueis.txt line 4' },
      ],
      problems: ['ueis.txt line 5: "NOT-A-UEI" is not a UEI', 'ueis.txt line 6: "0ABCDEFGHJKL" is not a UEI'],
    });
  });

  it('tells the formats apart by extension, else by content', () => {
    expect(detectFormat('x.txt', ['uei', A])).toBe('csv');
    expect(detectFormat('x', [`{"uei":"${A}"}`])).toBe('jsonl');
    expect(detectFormat('x.ndjson', [A])).toBe('jsonl');
    expect(detectFormat('x.txt', [A])).toBe('lines');
  });
});

describe('resolveUeiList', () => {
  it('merges the file, the inline list and other sources, sorted and without repeats', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sam-ueis-'));
    const file = path.join(dir, 'ueis.csv');
    await writeFile(file, `uei\n${C}\n${A}\n${C}\n`);
    const options = resolveOptions({
      apiKey: 'k',
      ueiFile: file,
      ueis: [B, A],
      ueisFromSources: [{ source: 'usaspending', field: 'recipient_uei' }],
    });
    const asked: string[] = [];
    const recordKeysOf = async function* (source: string, field: string) {
      asked.push(`${source}.${field}`);
      yield 'j7m9hptgj1s9';
      yield 'HHHHHHHHHHHH';
    };
    expect(await resolveUeiList(options, recordKeysOf)).toEqual([B, 'HHHHHHHHHHHH', C, A].sort());
    expect(asked).toEqual(['usaspending.recipient_uei']);
  });

  it('fails naming every entry that is not a UEI, with its line, rather than dropping it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sam-ueis-'));
    const file = path.join(dir, 'ueis.txt');
    await writeFile(file, `${A}\nbad\n${B}\nIIIIIIIIIIII\n`);
    const options = resolveOptions({
      apiKey: 'k',
      ueiFile: file,
      ueisFromSources: [{ source: 'usaspending', field: 'recipient_uei' }],
    });
    const err = await resolveUeiList(options, async function* () {
      yield 'n/a';
    }).catch((e: unknown) => e);
    expect(isFreshetError(err, ErrorCodes.OPTIONS_INVALID)).toBe(true);
    const message = (err as Error).message;
    expect(message).toContain('the UEI list has 3 entries that cannot be used');
    expect(message).toContain(`${file} line 2: "bad" is not a UEI`);
    expect(message).toContain(`${file} line 4: "IIIIIIIIIIII" is not a UEI`);
    expect(message).toContain('usaspending records, field recipient_uei: "n/a" is not a UEI');
  });

  it('says which file cannot be read', async () => {
    const options = resolveOptions({ apiKey: 'k', ueiFile: '/nonexistent/ueis.csv' });
    await expect(resolveUeiList(options)).rejects.toThrow(
      /option ueiFile: cannot read \/nonexistent\/ueis.csv/,
    );
  });

  it('needs the engine to read other sources', async () => {
    const options = resolveOptions({
      apiKey: 'k',
      ueisFromSources: [{ source: 'usaspending', field: 'recipient_uei' }],
    });
    await expect(resolveUeiList(options)).rejects.toThrow(/offered no recordKeysOf/);
  });
});

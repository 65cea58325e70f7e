import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../errors.js';
import { batchCohorts } from './batch-cohorts.js';
import { catchError, expectRefusal } from './expect-refusal.js';
import { isoWeekCohorts } from './iso-week-cohorts.js';
import { monthCohorts } from './month-cohorts.js';
import {
  comparePartitions,
  formatPartitionKey,
  isValidSourceId,
  PARTITION_KEY_MAX_LENGTH,
  parsePartitionKey,
  parsePartitionWindow,
} from './partition-key.js';
import type { CohortScheme } from './types.js';
import { yearCohorts } from './year-cohorts.js';

const nih = isoWeekCohorts({ prefix: 'project_week' });
const schemes: Record<string, CohortScheme> = {
  sam_gov: batchCohorts({ prefix: 'uei_batch' }),
  usaspending: yearCohorts({ prefix: 'award_year', fiscal: true }),
  nih,
  patentsview: monthCohorts({ prefix: 'grant_month' }),
};
const parse = (key: string) => parsePartitionKey(key, schemes);

describe('parsePartitionKey', () => {
  it('parses every first-party form', () => {
    expect(parse('sam_gov:uei_batch_0001').cohort.ordinal).toBe(1);
    expect(parse('usaspending:award_year_2024').cohort.window?.start).toEqual(
      new Date('2023-10-01T00:00:00Z'),
    );
    expect(parse('patentsview:grant_month_2025-01').cohort.value).toBe('2025-01');
    const partition = parse('nih:project_week_2025-W12');
    expect(partition.key).toBe('nih:project_week_2025-W12');
    expect(partition.source).toBe('nih');
    expect(partition.cohort.key).toBe('project_week_2025-W12');
  });

  it('takes a Map as well as a record', () => {
    const map = new Map(Object.entries(schemes));
    expect(parsePartitionKey('nih:project_week_2025-W12', map)).toEqual(parse('nih:project_week_2025-W12'));
    expectRefusal(
      () => parsePartitionKey('acme:x', map),
      ['"acme"', 'nih, patentsview'],
      ErrorCodes.SOURCE_UNKNOWN,
    );
  });

  it('names the known sources when the source is unknown', () => {
    const message = expectRefusal(
      () => parse('acme:foo_2025'),
      ['"acme:foo_2025"', '"acme"', 'known sources: nih, patentsview, sam_gov, usaspending'],
      ErrorCodes.SOURCE_UNKNOWN,
    );
    expect(message.startsWith('[freshet] ')).toBe(true);
    expectRefusal(
      () => parsePartitionKey('nih:x', {}),
      ['no sources are configured'],
      ErrorCodes.SOURCE_UNKNOWN,
    );
  });

  it('does not mistake inherited object members for sources', () => {
    for (const key of ['constructor:x', 'tostring:x', 'hasownproperty:x']) {
      expectRefusal(() => parse(key), [`"${key}"`], ErrorCodes.SOURCE_UNKNOWN);
    }
    expectRefusal(() => parse('__proto__:x'), ['"__proto__"', 'not a source id']);
  });

  it("re-frames the scheme's refusal with the source and a valid partition of it", () => {
    const message = expectRefusal(
      () => parse('nih:project_week_2025-W54'),
      [
        '"nih:project_week_2025-W54"',
        '2025 has 52 weeks',
        'A valid nih partition looks like nih:project_week_2025-W12',
      ],
    );
    expect(message.startsWith('[freshet] [nih] ')).toBe(true);
    expectRefusal(() => parse('nih:award_year_2024'), ['"award_year_2024"', 'nih:project_week_2025-W12']);
    expectRefusal(() => parse('sam_gov:uei_batch_0000'), ['"0000"', 'sam_gov:uei_batch_0001']);
    expectRefusal(() => parse('usaspending:award_year_24'), ['"24"', 'usaspending:award_year_2024']);
  });

  it('refuses path characters, whitespace, control characters and URL-encoding', () => {
    const cases: Array<[string, string]> = [
      ['nih:../../etc/passwd', 'path step ".."'],
      ['nih:project_week/2025-W12', 'path separator "/"'],
      ['nih:project_week\\2025-W12', 'path separator "\\\\"'],
      ['nih:project_week_2025-W12 ', 'whitespace'],
      ['nih: project_week_2025-W12', 'whitespace'],
      ['nih:project_week_2025-W12\n', 'whitespace'],
      ['nih:project_week\u0000_2025-W12', 'control character (U+0000)'],
      ['nih:project_week%5F2025-W12', 'URL-encoding'],
      ['nih:project_week.2025-W12', 'a "."'],
      ['nih:project_wéek_2025-W12', 'the character "é"'],
    ];
    for (const [key, what] of cases) {
      expectRefusal(
        () => parse(key),
        [JSON.stringify(key), what, 'A valid partition looks like nih:project_week_2025-W12'],
      );
    }
  });

  it('refuses anything but exactly one ":" between two non-empty parts', () => {
    expectRefusal(() => parse(''), ['""', 'empty']);
    expectRefusal(() => parse('nih'), ['"nih"', 'exactly one ":"']);
    expectRefusal(
      () => parse('nih:project_week:2025-W12'),
      ['"nih:project_week:2025-W12"', 'exactly one ":"'],
    );
    expectRefusal(() => parse(':project_week_2025-W12'), ['":project_week_2025-W12"', 'no source']);
    expectRefusal(() => parse('nih:'), ['"nih:"', 'no cohort']);
    expectRefusal(() => parse(42 as unknown as string), ['"42"', 'not text']);
  });

  it('refuses source ids that are not lower-case identifiers', () => {
    for (const source of ['NIH', 'Nih', '1nih', '_nih', 'sam-gov', 'a'.repeat(33)]) {
      const key = `${source}:x`;
      expectRefusal(() => parse(key), [`"${source}"`, 'not a source id', 'nih:project_week_2025-W12']);
    }
  });

  it(`refuses keys over ${PARTITION_KEY_MAX_LENGTH} characters without echoing all of them`, () => {
    const key = `nih:project_week_${'9'.repeat(PARTITION_KEY_MAX_LENGTH)}`;
    const message = expectRefusal(
      () => parse(key),
      [`${key.length} characters`, 'nih:project_week_2025-W12'],
    );
    expect(message).not.toContain(key);
  });
});

describe('formatPartitionKey', () => {
  it('joins a source and a cohort or cohort key, and round-trips through parse', () => {
    const cohort = nih.parseValue('2025-W12');
    expect(formatPartitionKey('nih', cohort)).toBe('nih:project_week_2025-W12');
    expect(formatPartitionKey('nih', 'project_week_2025-W12')).toBe('nih:project_week_2025-W12');
    expect(parse(formatPartitionKey('nih', cohort)).cohort).toEqual(cohort);
  });

  it('refuses parts that would not parse back', () => {
    expectRefusal(() => formatPartitionKey('NIH', 'project_week_2025-W12'), ['"NIH"', 'not a source id']);
    expectRefusal(() => formatPartitionKey('nih', 'a/b'), ['"a/b"', 'nih:project_week_2025-W12']);
    expectRefusal(() => formatPartitionKey('nih', 'a:b'), ['"a:b"']);
    expectRefusal(() => formatPartitionKey('nih', ''), ['""']);
    expectRefusal(() => formatPartitionKey('nih', 'x'.repeat(125)), ['at most 128']);
  });
});

describe('isValidSourceId', () => {
  it('accepts lower-case identifiers up to 32 characters', () => {
    expect(['nih', 'sam_gov', 'source2', 'a'.repeat(32)].every(isValidSourceId)).toBe(true);
    expect(['', 'NIH', '2nih', 'sam-gov', 'a'.repeat(33), 'nih ', null, 7].some(isValidSourceId)).toBe(false);
  });
});

describe('parsePartitionWindow', () => {
  it('expands a window into partitions, oldest first', () => {
    const partitions = parsePartitionWindow('nih', nih, '2024-W51..2025-W02');
    expect(partitions.map((p) => p.key)).toEqual([
      'nih:project_week_2024-W51',
      'nih:project_week_2024-W52',
      'nih:project_week_2025-W01',
      'nih:project_week_2025-W02',
    ]);
    expect(partitions.every((p) => p.source === 'nih')).toBe(true);
    expect(parsePartitionWindow('nih', nih, 'project_week_2025-W10..project_week_2025-W14')).toHaveLength(5);
  });

  it('refuses a bad window, naming it, the source and a valid window', () => {
    const message = expectRefusal(
      () => parsePartitionWindow('nih', nih, '2025-W14..2025-W10'),
      ['"2025-W14..2025-W10"', 'backwards', '2025-W12..2025-W16', 'nih:project_week_2025-W12'],
    );
    expect(message.startsWith('[freshet] [nih] ')).toBe(true);
    expectRefusal(() => parsePartitionWindow('nih', nih, '2025-W50..2025-W53'), ['"2025-W53"', '52 weeks']);
    expectRefusal(() => parsePartitionWindow('Nih', nih, '2025-W12'), ['"Nih"', 'not a source id']);
  });
});

describe('comparePartitions', () => {
  it('orders by source id, then by cohort ordinal rather than by text', () => {
    const keys = [
      'usaspending:award_year_2024',
      'nih:project_week_2025-W01',
      'sam_gov:uei_batch_0010',
      'nih:project_week_2024-W52',
      'sam_gov:uei_batch_0002',
      'usaspending:award_year_2023',
    ];
    expect(
      keys
        .map(parse)
        .sort(comparePartitions)
        .map((p) => p.key),
    ).toEqual([
      'nih:project_week_2024-W52',
      'nih:project_week_2025-W01',
      'sam_gov:uei_batch_0002',
      'sam_gov:uei_batch_0010',
      'usaspending:award_year_2023',
      'usaspending:award_year_2024',
    ]);
  });

  it('compares ordinals numerically and calls equal keys equal', () => {
    const a = parse('sam_gov:uei_batch_0009');
    const b = parse('sam_gov:uei_batch_0100');
    expect(comparePartitions(a, b)).toBeLessThan(0);
    expect(comparePartitions(b, a)).toBeGreaterThan(0);
    expect(comparePartitions(a, parse('sam_gov:uei_batch_0009'))).toBe(0);
  });

  it('keeps the thrown error catchable by code', () => {
    expect(catchError(() => parse('nih:x'))).toMatchObject({ code: ErrorCodes.PARTITION_KEY_INVALID });
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function importsUnder(dir: string, withTests = true): Array<{ file: string; from: string }> {
  const found: Array<{ file: string; from: string }> = [];
  for (const entry of readdirSync(join(SRC, dir), { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts') || (!withTests && entry.endsWith('.test.ts'))) continue;
    const text = readFileSync(join(SRC, dir, entry), 'utf8');
    for (const m of text.matchAll(/(?:from|import\()\s*'([^']+)'/g)) found.push({ file: entry, from: m[1]! });
  }
  return found;
}

// Commands and pages both format the views; neither side reaches into the other.
describe('module boundaries', () => {
  it('the UI imports no command module', () => {
    expect(importsUnder('ui').filter((i) => /(^|\/)commands\//.test(i.from))).toEqual([]);
  });

  // Tests excepted: one checks that both sides print the same views.
  it('the views import neither commands nor the UI', () => {
    expect(importsUnder('views', false).filter((i) => /(^|\/)(commands|ui)\//.test(i.from))).toEqual([]);
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFreshetError } from '@freshet/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withCompanions } from './companions.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'freshet-companions-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const companionModule = (sourceId: string) => `
const fn = () => {};
export default {
  sourceId: '${sourceId}',
  source: { package: '@acme/source-${sourceId}', factory: 'make' },
  sim: { start: fn, options: fn, describe: fn },
  sandbox: { start: fn, options: fn },
};
`;

describe('withCompanions', () => {
  it('adds a new source after the defaults, and replaces one of the same id in place', async () => {
    await writeFile(join(dir, 'foo.mjs'), companionModule('foo'));
    await writeFile(join(dir, 'nih.mjs'), companionModule('nih'));
    const list = await withCompanions(['./foo.mjs', './nih.mjs'], dir);
    expect(list.map((c) => [c.companion.sourceId, c.from?.endsWith('.mjs') ?? false])).toEqual([
      ['nih', true],
      ['sam_gov', false],
      ['usaspending', false],
      ['patentsview', false],
      ['foo', true],
    ]);
  });

  it('refuses a module that exports no companion, naming what it lacks', async () => {
    await writeFile(join(dir, 'bad.mjs'), 'export default { sourceId: "bad" };');
    const err = await withCompanions(['./bad.mjs'], dir).catch((e: unknown) => e);
    expect(isFreshetError(err, 'CONFIG_INVALID')).toBe(true);
    expect((err as Error).message).toContain(
      'companion "./bad.mjs" is not a companion; it lacks source.package/factory, sim.start/options, sim.describe, sandbox.start/options',
    );
    const missing = await withCompanions(['./missing.mjs'], dir).catch((e: unknown) => e);
    expect((missing as Error).message).toContain('companion "./missing.mjs" failed to load');
  });
});

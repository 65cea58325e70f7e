import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCodes, isFreshetError } from '../errors.js';
import { tempDirPerTest } from '../test-support/temp-dir.js';
import { loadConfig } from './load.js';

const dir = tempDirPerTest('freshet-config-errors-');

/** The CONFIG_INVALID message (without the prefix) of loading `file` holding `text`. */
async function messageFor(file: string, text: string): Promise<string> {
  await writeFile(path.join(dir(), file), text);
  try {
    await loadConfig({ cwd: dir(), env: {}, configPath: file });
  } catch (err) {
    if (isFreshetError(err, ErrorCodes.CONFIG_INVALID)) return err.message.replace(/^\[freshet\] /, '');
    throw err;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('loadConfig: what a failing code config is told', () => {
  // Syntax errors are tested on the built CLI (apps/runner/e2e/config-load.e2e.test.ts): under
  // the test runner, import() parses with the runner's own parser, not Node's.

  it('says what a config threw when it threw something that is not an Error', async () => {
    expect(await messageFor('threw.mjs', 'throw "x";\n')).toBe(
      'threw.mjs could not be read: the file threw "x" while loading',
    );
    expect(await messageFor('threw.ts', 'throw { code: 7 };\nexport default {};\n')).toBe(
      'threw.ts could not be read: the file threw an object while loading',
    );
  });

  it('keeps the message of an Error a config threw', async () => {
    expect(await messageFor('err.mjs', 'throw new TypeError("no SAM key");\n')).toBe(
      'err.mjs could not be read: TypeError: no SAM key',
    );
  });

  it('says a config exports null and what it must export, instead of that none was found', async () => {
    expect(await messageFor('null.mjs', 'export default null;\n')).toBe(
      'null.mjs exports null; it must export the configuration object: export default defineConfig({ … })',
    );
    expect(await messageFor('null.ts', 'export default null;\n')).toBe(
      'null.ts exports null; it must export the configuration object: export default defineConfig({ … })',
    );
    expect(await messageFor('null.json', 'null\n')).toBe(
      'null.json holds null; write an object, at least {}',
    );
  });
});

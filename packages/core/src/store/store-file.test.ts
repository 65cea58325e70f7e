import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../errors.js';
import { openSqliteStore } from '../sqlite.js';
import { tempDirPerTest } from '../test-support/temp-dir.js';
import { checkStoreFile } from './store-file.js';

const dir = tempDirPerTest('freshet-store-file-');

describe('checkStoreFile', () => {
  it('tells a missing store from a SQLite one', async () => {
    const path = join(dir(), 'freshet.sqlite');
    expect(await checkStoreFile(path)).toBe('missing');
    const store = await openSqliteStore({ path });
    await store.close();
    expect(await checkStoreFile(path)).toBe('sqlite');
  });

  it.each([
    ['a 0-byte file', '', 'is empty (0 bytes)'],
    ['a file that is not SQLite', 'hello, not a database', 'is not a SQLite database'],
  ])('refuses %s naming the path and the fix, and leaves it as it is', async (_what, text, problem) => {
    const path = join(dir(), 'freshet.sqlite');
    await writeFile(path, text);
    const error = (await checkStoreFile(path).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: ErrorCodes.STORE_ERROR });
    expect(error.message).toContain(`store ${path} ${problem}`);
    expect(error.message).toContain('Restore the store from a backup, or move the file away');
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('refuses a directory', async () => {
    const path = join(dir(), 'freshet.sqlite');
    await mkdir(path);
    await expect(checkStoreFile(path)).rejects.toMatchObject({
      message: expect.stringContaining('is a directory, not a store file'),
    });
  });
});

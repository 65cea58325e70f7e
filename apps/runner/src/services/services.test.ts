import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCodes, isFreshetError, type ServicePlugin, silentLogger } from '@freshet/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLimiters } from './limiters.js';
import { openPluginStore } from './plugin-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'freshet-services-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function plugin(use: string, options: Record<string, unknown> = {}): ServicePlugin {
  return { kind: 'plugin', use, options, configFile: join(dir, 'freshet.config.json'), label: use };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: Error) => err,
  );
}

describe('store and limiter plugins', () => {
  it('opens a store plugin from a path beside the config, passing its options and the migrate flag', async () => {
    await writeFile(
      join(dir, 'my-store.mjs'),
      `import { openSqliteStore } from '@freshet/core/sqlite';
export const calls = [];
export async function openStore(options, context) {
  calls.push({ options, migrate: context.migrate });
  return openSqliteStore({ path: options.file });
}`,
    );
    const file = join(dir, 'plugin.sqlite');
    const store = await openPluginStore(plugin('./my-store.mjs', { file }), {
      logger: silentLogger,
      migrate: false,
    });
    await store.setMeta('k', 'v');
    expect(await store.getMeta('k')).toBe('v');
    await store.close();
    const module = (await import(join(dir, 'my-store.mjs'))) as { calls: unknown[] };
    expect(module.calls).toEqual([{ options: { file }, migrate: false }]);
  });

  it('says a plugin that cannot be found, or is not a store plugin, is not usable, naming the key', async () => {
    const missing = await failure(openPluginStore(plugin('@acme/no-such-store'), { logger: silentLogger }));
    expect(isFreshetError(missing, ErrorCodes.CONFIG_INVALID)).toBe(true);
    expect(missing.message).toContain('store.use: "@acme/no-such-store" cannot be loaded');

    await writeFile(join(dir, 'not-a-store.mjs'), 'export const hello = 1;');
    const wrong = await failure(openPluginStore(plugin('./not-a-store.mjs'), { logger: silentLogger }));
    expect(wrong.message).toContain('is not a store plugin: it exports no openStore() function');

    const limiter = await failure(openLimiters(plugin('./not-a-store.mjs'), silentLogger));
    expect(limiter.message).toContain('limiter.use: "./not-a-store.mjs" is not a limiter plugin');
  });

  it('makes in-process limiters by default', async () => {
    const factory = await openLimiters({ kind: 'memory', label: 'in-process' }, silentLogger);
    expect(factory.kind).toBe('memory');
    await factory.close();
  });
});

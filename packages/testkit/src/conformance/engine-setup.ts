import type { Store } from '@freshet/core';
import { tempFileStore } from './engine.js';
import { type Closable, closeAfterEach } from './lifecycle.js';

export interface EngineTestSetup<Options, Sim extends Closable> {
  /** The source's simulator started with `options`, and a fresh file store; both closed after the test. */
  setup(options: Options): Promise<{ sim: Sim; store: Store }>;
  /** Registers anything else a test opens, to be closed after it (see `closeAfterEach`). */
  track: <T extends Closable>(item: T) => T;
}

/**
 * The set-up every source's own engine tests share, so each keeps only what is specific to it:
 * `const { setup } = engineTestSetup(startNihSimulator);` at the top of the file, then
 * `const { sim, store } = await setup({ weeks: 2 });` in a test.
 */
export function engineTestSetup<Options, Sim extends Closable>(
  start: (options: Options) => Promise<Sim>,
): EngineTestSetup<Options, Sim> {
  const track = closeAfterEach();
  return {
    track,
    async setup(options) {
      const sim = track(await start(options));
      const { store } = track(await tempFileStore());
      return { sim, store };
    },
  };
}

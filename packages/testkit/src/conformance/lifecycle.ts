import { afterEach } from 'vitest';

/** Anything a test opens and must close: a simulator, a store, a `tempFileStore()`. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * Closes what the tests open, after each test, the last opened first. Call it at the top of a
 * test file or inside a `describe`; it returns `track`, which registers what it is given and
 * returns it: `const { store } = track(await tempFileStore());`.
 */
export function closeAfterEach(): <T extends Closable>(item: T) => T {
  const open: Closable[] = [];
  afterEach(async () => {
    for (const item of open.splice(0).reverse()) await item.close();
  });
  return (item) => {
    open.push(item);
    return item;
  };
}

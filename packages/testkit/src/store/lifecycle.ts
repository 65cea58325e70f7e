import { defineChecks } from './check.js';
import { expectStoreError } from './fixtures.js';

/** Closing: later calls fail with `STORE_ERROR`, and closing again is harmless. */
export const lifecycleChecks = defineChecks({
  closed: {
    title: 'refuses calls after close with STORE_ERROR, and closes twice without error',
    async run({ store }) {
      await store.setMeta('k', 1);
      await store.close();
      await expectStoreError(store.getMeta('k'));
      await expectStoreError(store.setMeta('k', 1));
      await store.close();
    },
  },
});

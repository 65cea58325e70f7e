import type { Store } from '@freshet/core';
import { tempFileStore } from '../conformance/engine.js';
import { describeStoreContract } from './index.js';

// The embedded store runs the suite here rather than in core, whose tests cannot depend on the
// testkit: the testkit depends on core, and the build graph must stay acyclic.
const removeFile = new WeakMap<Store, () => Promise<void>>();

describeStoreContract({
  name: 'sqlite file',
  async open() {
    const file = await tempFileStore();
    removeFile.set(file.store, file.close);
    return file.store;
  },
  close: (store) => removeFile.get(store)?.() ?? store.close(),
});

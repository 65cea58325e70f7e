import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

// Every test file talks to the one real Redis (each test under a prefix of its own), and some
// measure start spacing in milliseconds: files run one after another so they do not skew each
// other's timings.
export default mergeConfig(sharedTestConfig, defineConfig({ test: { fileParallelism: false } }));

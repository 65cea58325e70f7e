import { describe, expectTypeOf, it } from 'vitest';
import type { AnySource } from '../source.js';
import { defineConfig, type FreshetConfig } from './schema.js';

declare const source: AnySource;

describe('defineConfig', () => {
  it('accepts the three source entry forms', () => {
    const config = defineConfig({
      sources: [
        source,
        { source, sla: '3d', quota: { maxConcurrent: 2 } },
        { use: '@acme/source-foo', options: { token: 'x' }, enabled: false },
      ],
    });
    expectTypeOf(config).toEqualTypeOf<FreshetConfig>();
  });

  it('accepts an empty config, since every key has a default', () => {
    expectTypeOf(defineConfig).toBeCallableWith({});
  });

  it('rejects unknown keys at the top level and in an entry', () => {
    // @ts-expect-error `sourcs` is a typo, not a key
    defineConfig({ sourcs: [] });
    // @ts-expect-error `slaa` is not an entry setting
    defineConfig({ sources: [{ source, slaa: '3d' }] });
  });

  it('rejects an entry that is neither a source, a wrapped source nor a plugin', () => {
    // @ts-expect-error a bare string is not an entry
    defineConfig({ sources: ['nih'] });
  });
});

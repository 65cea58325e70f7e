import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { parseSourceOptions } from './source-options.js';

const schema = z.object({
  baseUrl: z.string().default('https://example.test'),
  pageSize: z.coerce.number().int().optional(),
});

describe('parseSourceOptions', () => {
  it("returns the schema's output type, with defaults applied", () => {
    const options = parseSourceOptions(schema, {}, 'demo');
    expectTypeOf(options).toEqualTypeOf<z.output<typeof schema>>();
    // `baseUrl` has a default, so it is not optional after parsing.
    expectTypeOf(options.baseUrl).toEqualTypeOf<string>();
    expectTypeOf(options.pageSize).toEqualTypeOf<number | undefined>();
  });

  it('takes input of any type, since it comes from untyped config', () => {
    expectTypeOf(parseSourceOptions<{ a: string }>)
      .parameter(1)
      .toEqualTypeOf<unknown>();
  });
});

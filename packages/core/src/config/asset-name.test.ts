import { describe, expect, it } from 'vitest';
import { assetNameProblem, assetNameSchema, isAssetName } from './asset-name.js';

/** Names on both sides of the rule: every user of the rule must agree on each. */
const GOOD_ASSET_NAMES = ['bulk_enrichment', 'a', 'dagster/bulk:awards-2025.v2', 'X'.repeat(128)];
const BAD_ASSET_NAMES = [
  '',
  ' bulk_enrichment',
  'bulk_enrichment ',
  '_leading_underscore',
  'has space',
  'semi;colon',
  '\u001b[31mred',
  'é',
  'X'.repeat(129),
];

describe('asset names', () => {
  it.each(GOOD_ASSET_NAMES)('accepts %j', (name) => {
    expect(isAssetName(name)).toBe(true);
    expect(assetNameProblem(name)).toBeNull();
    expect(assetNameSchema.safeParse(name).success).toBe(true);
  });

  it.each(BAD_ASSET_NAMES)('refuses %j, naming the rule and an example', (name) => {
    expect(isAssetName(name)).toBe(false);
    expect(assetNameSchema.safeParse(name).success).toBe(false);
    const problem = assetNameProblem(name) ?? '';
    expect(problem).toContain('letters, digits and _ . : / -');
    expect(problem).toContain('bulk_enrichment');
    expect(problem).not.toContain('\u001b');
  });

  it('refuses what is not a string', () => {
    expect(isAssetName(7)).toBe(false);
    expect(assetNameSchema.safeParse(7).success).toBe(false);
  });
});

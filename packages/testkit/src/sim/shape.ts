/**
 * Structural comparison of a generated record with a real API sample: same field names, same
 * JSON types, same nesting. Values are not compared.
 */

export interface ShapeDiffOptions {
  /** Report fields the sample lacks. Default false: real APIs add fields over time. */
  strictExtra?: boolean;
  /** Paths (`organization.city`, `principal_investigators[].title`) allowed to be null in `actual`. */
  nullable?: readonly string[];
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Differences between `sample` (a real response) and `actual`, one message per path; [] when
 * they agree. A null in the sample says nothing about the type, so any value matches it.
 */
export function shapeDiff(sample: unknown, actual: unknown, options: ShapeDiffOptions = {}): string[] {
  const out: string[] = [];
  const nullable = new Set(options.nullable ?? []);
  const walk = (expected: unknown, got: unknown, path: string): void => {
    const want = kind(expected);
    const have = kind(got);
    if (want === 'null') return;
    if (have === 'null' && nullable.has(path)) return;
    if (want !== have) {
      out.push(`${path || '(root)'}: expected ${want}, got ${have}`);
      return;
    }
    if (want === 'array') {
      const first = (expected as unknown[])[0];
      if (first === undefined) return;
      for (const item of got as unknown[]) walk(first, item, `${path}[]`);
      return;
    }
    if (want === 'object') {
      const e = expected as Record<string, unknown>;
      const g = got as Record<string, unknown>;
      for (const key of Object.keys(e)) {
        const child = path ? `${path}.${key}` : key;
        if (!(key in g)) out.push(`${child}: missing`);
        else walk(e[key], g[key], child);
      }
      if (options.strictExtra) {
        for (const key of Object.keys(g))
          if (!(key in e)) out.push(`${path ? `${path}.${key}` : key}: not in sample`);
      }
    }
  };
  walk(sample, actual, '');
  // Many array items share one mistake: report each path once.
  return [...new Set(out)];
}

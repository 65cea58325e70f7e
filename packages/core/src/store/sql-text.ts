import type { StoreDialect } from './dialect.js';

/*
 * Helpers for the few statements written as SQL text rather than through the query builder:
 * the ones that run for every slice or request, where building and compiling the query each
 * time cost more than running it. The text differs between dialects only by placeholders.
 */

/** `count` placeholders numbered from `first`, comma-separated. */
export function placeholders(dialect: StoreDialect, count: number, first = 1): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(dialect.placeholder(first + i));
  return out.join(', ');
}

/** A double-quoted identifier, as the query builder writes them (our names never hold quotes). */
export function quoted(name: string): string {
  return `"${name}"`;
}

/** `build` memoised per dialect: SQL texts are built once and reused as the same strings. */
export function perDialect<T>(build: (dialect: StoreDialect) => T): (dialect: StoreDialect) => T {
  const built = new WeakMap<StoreDialect, T>();
  return (dialect) => {
    let value = built.get(dialect);
    if (value === undefined) {
      value = build(dialect);
      built.set(dialect, value);
    }
    return value;
  };
}

/**
 * Statement texts built on first use and kept by id (`write:500`): the multi-row statements
 * differ by row count, so a few dozen texts per dialect cover every slice size. Bounded, in case
 * a caller varies sizes without end.
 */
export class SqlTexts {
  static readonly CAPACITY = 64;
  readonly #texts = new Map<string, string>();

  get(id: string, build: () => string): string {
    let text = this.#texts.get(id);
    if (text === undefined) {
      if (this.#texts.size >= SqlTexts.CAPACITY) this.#texts.clear();
      text = build();
      this.#texts.set(id, text);
    }
    return text;
  }
}

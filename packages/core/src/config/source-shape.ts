import type { AnySource } from '../source.js';

const REQUIRED_FUNCTIONS = ['listPartitions', 'fetchSlice', 'recordKey'] as const;

/**
 * What `value` lacks to be a Source, e.g. `["a function fetchSlice"]`; empty when it is one.
 * Checked by shape, not class: a plugin may bring its own copy of core.
 */
export function sourceShapeProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return ['an object'];
  const candidate = value as Record<string, unknown>;
  const missing: string[] = [];
  if (typeof candidate.id !== 'string') missing.push('a string id');
  if (typeof candidate.cohort !== 'object' || candidate.cohort === null) missing.push('an object cohort');
  for (const name of REQUIRED_FUNCTIONS) {
    if (typeof candidate[name] !== 'function') missing.push(`a function ${name}`);
  }
  return missing;
}

export function isSource(value: unknown): value is AnySource {
  return sourceShapeProblems(value).length === 0;
}

/** A plain object (not an array), as JSON and YAML configs produce. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import type { z } from 'zod';
import { ErrorCodes, FreshetError } from '../errors.js';
import { createRedactor } from '../http/redact.js';
import { describeValue } from './describe-value.js';
import { formatKeyPath, type KeyPath, valueAt } from './key-path.js';

/** One problem in a configuration: where, and a message that completes "<key path> …". */
export interface ConfigIssue {
  path: KeyPath;
  message: string;
}

/** How a zod issue's key path and value are told. */
export interface ZodIssueContext {
  /** What the schema validated (the part at `basePath`), to show the bad value. */
  input: unknown;
  /** Prefix for the issues' paths when the schema ran on a part of the configuration. */
  basePath?: KeyPath;
  /** Key paths whose value came from `${VAR}`: the variables named instead of the value. */
  fromEnv?: ReadonlyMap<string, readonly string[]>;
  /**
   * True when the schema's messages are expectations ("a positive integer") written for
   * "<key> must be …"; false for a foreign schema's own sentences.
   */
  expectations: boolean;
  /** Keys allowed at a path, for "did you mean" on unknown keys. */
  knownKeysAt?(path: KeyPath): readonly string[];
}

/** Marks a custom zod issue whose message is already a full predicate, not an expectation. */
export const SENTENCE = { sentence: true } as const;

export function fromZodIssues(issues: readonly z.core.$ZodIssue[], context: ZodIssueContext): ConfigIssue[] {
  return issues.flatMap((issue) => {
    const path = [...(context.basePath ?? []), ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => unknownKey([...path, key], key, context.knownKeysAt?.(path) ?? []));
    }
    if (issue.code === 'custom' && issue.params?.sentence === true) return [{ path, message: issue.message }];
    const value = valueAt(context.input, issue.path);
    const got = gotText(path, value, context.fromEnv);
    if (!context.expectations) {
      const message =
        value === undefined ? `is missing: ${issue.message}` : `is invalid: ${issue.message} (got ${got})`;
      return [{ path, message }];
    }
    if (value === undefined) return [{ path, message: `is missing; it must be ${issue.message}` }];
    return [{ path, message: `must be ${issue.message} (got ${got})` }];
  });
}

/** One line per issue, each naming the file, so the lines read well alone (grep, CI logs). */
export function configError(
  file: string,
  issues: readonly ConfigIssue[],
  secrets: Iterable<string>,
): FreshetError {
  const redact = createRedactor([...secrets]);
  const lines = issues.map((issue) => {
    const where = issue.path.length === 0 ? 'the configuration' : formatKeyPath(issue.path);
    return redact(`${file}: ${where} ${issue.message}`);
  });
  return new FreshetError(ErrorCodes.CONFIG_INVALID, lines.join('\n'), { details: { file, issues: lines } });
}

function gotText(path: KeyPath, value: unknown, fromEnv: ZodIssueContext['fromEnv']): string {
  const variables = fromEnv?.get(formatKeyPath(path));
  // The value may be a secret put in the wrong key; name where it came from instead.
  if (variables) return `a string from ${variables.map((name) => `\${${name}}`).join(' and ')}`;
  return describeValue(value);
}

function unknownKey(path: KeyPath, key: string, known: readonly string[]): ConfigIssue {
  const suggestion = closest(key, known);
  if (suggestion) return { path, message: `is not a known key; did you mean ${suggestion}?` };
  const list = known.length > 0 ? ` (known keys here: ${known.join(', ')})` : '';
  return { path, message: `is not a known key${list}` };
}

/** The known key a typo most likely meant: within two edits, or differing only in case. */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = name.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, name);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

import type { ConfigIssue } from './issues.js';
import { formatKeyPath, type KeyPath } from './key-path.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface EnvInterpolation {
  value: unknown;
  /** One per variable that is not set and has no default. */
  issues: ConfigIssue[];
  /** Key path (`sources[0].options.apiKey`) -> variables its string used. */
  fromEnv: Map<string, string[]>;
  /** Values taken from the environment, to redact from every message. */
  secrets: string[];
}

// `$${X}` escapes to a literal `${X}`; `${X:-text}` falls back to text when X is unset or empty.
const REFERENCE = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string of a JSON or YAML configuration.
 * Keys are left alone. A missing variable becomes an issue naming it and the key path.
 */
export function interpolateEnv(input: unknown, env: Env): EnvInterpolation {
  const result: EnvInterpolation = { value: undefined, issues: [], fromEnv: new Map(), secrets: [] };
  result.value = walk(input, [], env, result);
  return result;
}

function walk(value: unknown, path: KeyPath, env: Env, result: EnvInterpolation): unknown {
  if (typeof value === 'string') return interpolateString(value, path, env, result);
  if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index], env, result));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, walk(item, [...path, key], env, result)]),
    );
  }
  return value;
}

function interpolateString(text: string, path: KeyPath, env: Env, result: EnvInterpolation): string {
  const used: string[] = [];
  const replaced = text.replace(
    REFERENCE,
    (match, escaped: string, name: string, fallback: string | undefined) => {
      if (escaped) return match.slice(1);
      const value = env[name];
      if (fallback !== undefined && (value === undefined || value === '')) return fallback;
      used.push(name);
      if (value === undefined) {
        result.issues.push({
          path,
          message: `uses \${${name}}, which is not set; export it or give a default with \${${name}:-…}`,
        });
        return '';
      }
      result.secrets.push(value);
      return value;
    },
  );
  if (used.length > 0) result.fromEnv.set(formatKeyPath(path), used);
  return replaced;
}

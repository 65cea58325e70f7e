import path from 'node:path';
import type { ParsedLimiterConfig, ParsedStoreConfig } from './service-schema.js';

/** A plugin named in the config, loaded by whoever opens it (the runner), not at config time. */
export interface ServicePlugin {
  kind: 'plugin';
  /** The package or path (aliases like `postgres` already expanded). */
  use: string;
  /** Everything beside `use`, environment variables interpolated; the plugin validates it. */
  options: Record<string, unknown>;
  /** The config file: the plugin resolves from its directory. */
  configFile: string;
  /** How to name it to a person: the package and its URL without credentials. */
  label: string;
}

export type ResolvedStore = { kind: 'sqlite'; path: string; label: string } | ServicePlugin;
export type ResolvedLimiter = { kind: 'memory'; label: string } | ServicePlugin;

/** The store and limiter of a parsed config, with relative paths made absolute. */
export function resolveServices(
  store: ParsedStoreConfig,
  limiter: ParsedLimiterConfig,
  rootDir: string,
  configFile: string,
): { store: ResolvedStore; limiter: ResolvedLimiter; serviceSecrets: string[] } {
  const plugin = (parsed: { use: string; options: Record<string, unknown> }): ServicePlugin => ({
    kind: 'plugin',
    use: parsed.use,
    options: parsed.options,
    configFile,
    label: pluginLabel(parsed.use, parsed.options),
  });
  const sqlitePath = store.kind === 'sqlite' ? path.resolve(rootDir, store.path) : '';
  return {
    store: store.kind === 'sqlite' ? { kind: 'sqlite', path: sqlitePath, label: sqlitePath } : plugin(store),
    limiter: limiter.kind === 'memory' ? { kind: 'memory', label: 'in-process' } : plugin(limiter),
    serviceSecrets: [store, limiter].flatMap((s) => (s.kind === 'plugin' ? urlPasswords(s.options) : [])),
  };
}

function pluginLabel(use: string, options: Record<string, unknown>): string {
  const url = typeof options.url === 'string' ? redactedUrl(options.url) : null;
  return url === null ? use : `${use} ${url}`;
}

/** `url` without its password (and user info kept only as the user name). */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(a URL that does not parse)';
  }
}

/** Passwords of every URL among `options`' string values, to redact from messages. */
function urlPasswords(options: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const value of Object.values(options)) {
    if (typeof value !== 'string') continue;
    try {
      const password = decodeURIComponent(new URL(value).password);
      if (password !== '') out.push(password);
    } catch {
      // not a URL
    }
  }
  return out;
}

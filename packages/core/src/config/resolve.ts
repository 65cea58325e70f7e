import path from 'node:path';
import { secretsInEnv } from './env-secrets.js';
import { type Env, interpolateEnv } from './interpolate.js';
import { configError, fromZodIssues } from './issues.js';
import { formatKeyPath } from './key-path.js';
import type { NotifyTarget } from './notify-schema.js';
import { freshetConfigSchema, knownConfigKeysAt, type ParsedConfig } from './schema.js';
import { type ResolvedLimiter, type ResolvedStore, resolveServices } from './services.js';
import { type ResolvedSource, resolveSources } from './sources.js';

export type { ResolvedLimiter, ResolvedStore } from './services.js';

/** The configuration the runner uses: defaults applied, paths absolute, sources loaded. */
export interface ResolvedConfig {
  /**
   * The directory relative paths were resolved against (see `projectRoot`). The runner hands
   * it to the sources as `rootDir`, for the relative paths in their options (SAM.gov's `ueiFile`).
   */
  rootDir: string;
  store: ResolvedStore;
  limiter: ResolvedLimiter;
  /**
   * Passwords found in the store's and limiter's connection URLs, and the webhook targets'
   * secrets and URL passwords, to redact everywhere.
   */
  serviceSecrets: string[];
  state: { path: string };
  schedule: ParsedConfig['schedule'];
  sensor: ParsedConfig['sensor'];
  run: ParsedConfig['run'];
  /** How long replaced revisions and the change feed are kept. */
  history: ParsedConfig['history'];
  sources: ResolvedSource[];
  /** Webhook targets of notifications (empty: none are sent). */
  notify: NotifyTarget[];
}

export interface ResolveConfigOptions {
  /** Absolute path of the file the configuration came from; plugins and paths resolve from it. */
  filepath: string;
  /** How the file is named in messages; the path relative to `cwd` by default. */
  fileLabel?: string;
  cwd?: string;
  env?: Env;
  /** Replace `${VAR}` in strings: true for JSON and YAML, false for TS and JS configs. */
  interpolate?: boolean;
}

/**
 * Validates a loaded configuration and resolves it. Throws one CONFIG_INVALID error listing
 * every problem, one line each, with secrets redacted.
 */
export async function resolveConfig(input: unknown, options: ResolveConfigOptions): Promise<ResolvedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const file = options.fileLabel ?? fileLabel(options.filepath, cwd);
  const secrets = secretsInEnv(env);

  const interpolated = options.interpolate ? interpolateEnv(input, env) : undefined;
  const raw = interpolated ? interpolated.value : input;
  secrets.push(...(interpolated?.secrets ?? []));

  // A webhook secret written into the file (not from the environment) is still a secret.
  secrets.push(...rawNotifySecrets(raw));
  const parsed = freshetConfigSchema.safeParse(raw);
  const missingEnv = interpolated?.issues ?? [];
  if (missingEnv.length > 0 || !parsed.success) {
    const schemaIssues = parsed.success
      ? []
      : fromZodIssues(parsed.error.issues, {
          input: raw,
          expectations: true,
          knownKeysAt: knownConfigKeysAt,
          ...(interpolated ? { fromEnv: interpolated.fromEnv } : {}),
        });
    // A key whose variable is missing already has its issue; its emptied value would add noise.
    const missingPaths = new Set(missingEnv.map((issue) => formatKeyPath(issue.path)));
    const rest = schemaIssues.filter((issue) => !missingPaths.has(formatKeyPath(issue.path)));
    throw configError(file, [...missingEnv, ...rest], secrets);
  }

  const config = parsed.data;
  const resolution = await resolveSources(config.sources, options.filepath);
  secrets.push(...resolution.secrets);
  if (resolution.issues.length > 0) throw configError(file, resolution.issues, secrets);

  const rootDir = projectRoot(options.filepath);
  const services = resolveServices(config.store, config.limiter, rootDir, options.filepath);
  return {
    rootDir,
    ...services,
    serviceSecrets: [...services.serviceSecrets, ...notifySecrets(config.notify)],
    state: { path: path.resolve(rootDir, config.state.path) },
    schedule: config.schedule,
    sensor: config.sensor,
    run: config.run,
    history: config.history,
    sources: resolution.sources,
    notify: config.notify,
  };
}

function rawNotifySecrets(raw: unknown): string[] {
  const notify = (raw as { notify?: unknown } | null)?.notify;
  if (!Array.isArray(notify)) return [];
  return notify.flatMap((entry) => {
    const secret = (entry as { secret?: unknown } | null)?.secret;
    return typeof secret === 'string' ? [secret] : [];
  });
}

function notifySecrets(targets: readonly NotifyTarget[]): string[] {
  return targets.flatMap((target) => {
    let password = '';
    try {
      password = decodeURIComponent(new URL(target.url).password);
    } catch {
      // validated already; nothing to add
    }
    return password === '' ? [target.secret] : [target.secret, password];
  });
}

/**
 * The directory relative paths mean: the config file's directory, or its parent when the file
 * sits in a `config/` folder, so `data/freshet.sqlite` lands in the project's `data/` whether
 * the file is `freshet.config.ts` or `config/freshet.config.ts`.
 */
export function projectRoot(configFile: string): string {
  const dir = path.dirname(configFile);
  return path.basename(dir) === 'config' ? path.dirname(dir) : dir;
}

/** The file as a user would type it: relative to cwd when inside it. */
export function fileLabel(filepath: string, cwd: string): string {
  const relative = path.relative(cwd, filepath);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : filepath;
}

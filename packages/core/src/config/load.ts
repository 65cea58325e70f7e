import path from 'node:path';
import { cosmiconfig, defaultLoaders, type Loader } from 'cosmiconfig';
import { escapeControlChars } from '../echo-input.js';
import { ErrorCodes, FreshetError } from '../errors.js';
import { createRedactor, redactError } from '../http/redact.js';
import { secretsInEnv } from './env-secrets.js';
import type { Env } from './interpolate.js';
import { loadJsConfig } from './js-loader.js';
import { ExportProblem } from './load-failure.js';
import { guardLoad, LOAD_TIMEOUT_ENV, loadTimeoutMs } from './load-guard.js';
import { fileLabel, type ResolvedConfig, resolveConfig } from './resolve.js';
import { loadTsConfig } from './ts-loader.js';

const CONFIG_NAMES = [
  'freshet.config.ts',
  'freshet.config.js',
  'freshet.config.mjs',
  'freshet.config.json',
  'freshet.config.yaml',
  'freshet.config.yml',
];

/** Where `loadConfig` looks, first match wins: the `config/` folder, then the project root. */
export const CONFIG_SEARCH_PLACES: readonly string[] = [
  ...CONFIG_NAMES.map((name) => `config/${name}`),
  ...CONFIG_NAMES,
];

/** Only data formats get `${VAR}` interpolation; code configs read process.env themselves. */
const DATA_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

export interface LoadConfigOptions {
  /** Where to search, and what relative `configPath` and messages are relative to. */
  cwd?: string;
  /** A config file to load instead of searching. */
  configPath?: string;
  /** For `${VAR}` interpolation and secret redaction; process.env by default. */
  env?: Env;
  /**
   * How long a code config may take to load before the process is ended with a message naming
   * it (a config that never returns cannot be interrupted any other way). Default: env
   * FRESHET_CONFIG_LOAD_TIMEOUT_MS, else 10 s.
   */
  loadTimeoutMs?: number;
}

export interface LoadedConfig {
  config: ResolvedConfig;
  /** Absolute path of the file the configuration came from. */
  filepath: string;
}

/** Finds, reads, validates and resolves the Freshet configuration. Throws CONFIG_INVALID. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const timeoutMs = options.loadTimeoutMs ?? loadTimeoutMs(env);
  // Code configs run: each is timed and stays stoppable by a signal while it loads.
  const code =
    (load: (filepath: string, content: string) => Promise<unknown>): Loader =>
    (filepath, content) =>
      guardLoad(
        async () => exported(filepath, await load(filepath, content), false),
        timeoutMs,
        `error: ${escapeControlChars(fileLabel(filepath, cwd))} did not finish loading within ${timeoutMs} ms, so freshet stopped; look for a loop or a wait that never ends at its top level (or set ${LOAD_TIMEOUT_ENV} higher)\n`,
      );
  const data =
    (load: Loader): Loader =>
    async (filepath, content) =>
      exported(filepath, await load(filepath, content), true);
  const explorer = cosmiconfig('freshet', {
    searchPlaces: [...CONFIG_SEARCH_PLACES],
    searchStrategy: 'none',
    // The daemon reloads after edits, so a cached file would hide them.
    cache: false,
    // An empty file is a mistake worth naming, not a reason to keep looking.
    ignoreEmptySearchPlaces: false,
    loaders: {
      '.ts': code(loadTsConfig),
      '.js': code(loadJsConfig),
      '.mjs': code(loadJsConfig),
      '.json': data(defaultLoaders['.json']),
      '.yaml': data(defaultLoaders['.yaml']),
      '.yml': data(defaultLoaders['.yml']),
    },
  });

  const target = options.configPath === undefined ? undefined : path.resolve(cwd, options.configPath);
  let found: Awaited<ReturnType<typeof explorer.search>>;
  try {
    found = target === undefined ? await explorer.search(cwd) : await explorer.load(target);
  } catch (err) {
    throw readError(err, target, cwd, env);
  }
  if (found === null) throw notFound(cwd);

  const { filepath } = found;
  const file = fileLabel(filepath, cwd);
  const extension = path.extname(filepath);
  const isData = DATA_EXTENSIONS.has(extension);
  if (found.isEmpty || found.config === undefined) {
    const what = isData ? 'is empty' : 'has no default export';
    throw new FreshetError(
      ErrorCodes.CONFIG_INVALID,
      `${file} ${what}; ${isData ? 'write an object, at least {}' : 'end it with export default defineConfig({ … })'}`,
    );
  }

  // A code config may export a promise (top-level async setup).
  const input: unknown = await found.config;
  const config = await resolveConfig(input, {
    filepath,
    fileLabel: file,
    cwd,
    interpolate: isData,
    env,
  });
  return { config, filepath };
}

// cosmiconfig reads a null value as "no config here" and would go on to say none was found.
function exported(filepath: string, value: unknown, isData: boolean): unknown {
  if (value !== null) return value;
  throw new ExportProblem(
    isData
      ? 'holds null; write an object, at least {}'
      : 'exports null; it must export the configuration object: export default defineConfig({ … })',
    filepath,
  );
}

function readError(err: unknown, target: string | undefined, cwd: string, env: Env): FreshetError {
  if (err instanceof ExportProblem) {
    return new FreshetError(ErrorCodes.CONFIG_INVALID, `${fileLabel(err.filepath, cwd)} ${err.message}`);
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (target !== undefined && code === 'ENOENT') {
    return new FreshetError(ErrorCodes.CONFIG_INVALID, `config file ${target} does not exist`, {
      cause: err,
    });
  }
  const failedFile = (err as { filepath?: unknown } | null)?.filepath;
  const file = typeof failedFile === 'string' ? fileLabel(failedFile, cwd) : (target ?? cwd);
  // A code config runs, and may throw with a value it read from process.env in the message.
  const redact = createRedactor(secretsInEnv(env));
  const cause = redactError(err, redact);
  return new FreshetError(ErrorCodes.CONFIG_INVALID, `${file} could not be read: ${cause.message}`, {
    cause,
  });
}

function notFound(cwd: string): FreshetError {
  return new FreshetError(
    ErrorCodes.CONFIG_INVALID,
    [
      `no Freshet configuration in ${cwd}; looked for ${CONFIG_SEARCH_PLACES.join(', ')}.`,
      'Create config/freshet.config.ts:',
      "  import { defineConfig } from '@freshet/core';",
      "  import { nih } from '@freshet/source-nih';",
      '  export default defineConfig({ sources: [nih({})] });',
      'or config/freshet.config.json: { "sources": [{ "use": "@freshet/source-nih" }] }',
    ].join('\n'),
  );
}

import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCodes, errorText, FreshetError, type ServicePlugin } from '@freshet/core';

/**
 * Imports the module a `store` or `limiter` entry names: a path from the config file, or a
 * package installed beside the config, or else one the runner itself ships with (the
 * first-party `@freshet/store-postgres` and `@freshet/limiter-redis`).
 */
export async function importServicePlugin(
  plugin: ServicePlugin,
  key: 'store' | 'limiter',
): Promise<Record<string, unknown>> {
  const url = locate(plugin);
  try {
    return (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
  } catch (err) {
    throw new FreshetError(
      ErrorCodes.CONFIG_INVALID,
      `${key}.use: ${JSON.stringify(plugin.use)} cannot be loaded: ${errorText(err)}`,
      {
        hint: `install it beside ${path.basename(plugin.configFile)} (npm install ${plugin.use}) or fix the name`,
        cause: err,
      },
    );
  }
}

function locate(plugin: ServicePlugin): string {
  if (plugin.use.startsWith('.') || path.isAbsolute(plugin.use)) {
    return pathToFileURL(path.resolve(path.dirname(plugin.configFile), plugin.use)).href;
  }
  try {
    return pathToFileURL(createRequire(plugin.configFile).resolve(plugin.use)).href;
  } catch {
    // Not installed beside the config: the runner's own dependencies.
    return plugin.use;
  }
}

/** The named export `name` of a plugin module as a function, or a clear error. */
export function pluginFunction<F extends (...args: never[]) => unknown>(
  module: Record<string, unknown>,
  name: string,
  plugin: ServicePlugin,
  key: 'store' | 'limiter',
): F {
  const value = module[name];
  if (typeof value !== 'function') {
    throw new FreshetError(
      ErrorCodes.CONFIG_INVALID,
      `${key}.use: ${JSON.stringify(plugin.use)} is not a ${key} plugin: it exports no ${name}() function`,
    );
  }
  return value as F;
}

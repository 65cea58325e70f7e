import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type AnySource, ErrorCodes, FreshetError } from '@freshet/core';
import type { LoadedCompanion } from './companions.js';

type Factory = (options: Record<string, unknown>) => AnySource;

/**
 * Makes the companion's source with `options`: by its `create`, or by importing `factory`
 * from `package`, found beside the companion first, then among the runner's own dependencies.
 */
export async function companionSource(
  loaded: LoadedCompanion,
  options: Record<string, unknown>,
): Promise<AnySource> {
  const { companion } = loaded;
  if (companion.source.create) return companion.source.create(options);
  const module = await importPackage(companion.source.package, loaded.from);
  const factory = module[companion.source.factory];
  if (typeof factory !== 'function') {
    throw new FreshetError(
      ErrorCodes.CONFIG_INVALID,
      `the ${companion.sourceId} companion names ${companion.source.factory} from ${companion.source.package}, which exports no such factory`,
    );
  }
  return (factory as Factory)(options);
}

async function importPackage(name: string, from: string | null): Promise<Record<string, unknown>> {
  if (from?.startsWith('file:')) {
    try {
      const path = createRequire(fileURLToPath(from)).resolve(name);
      return await import(/* @vite-ignore */ pathToFileURL(path).href);
    } catch {
      // Not installed beside the companion: the runner may ship it.
    }
  }
  try {
    return await import(/* @vite-ignore */ name);
  } catch (err) {
    throw new FreshetError(
      ErrorCodes.CONFIG_INVALID,
      `cannot import the source package ${name}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
}

import path from 'node:path';
import { type ResolvedStore, redactedUrl } from '@freshet/core';

/**
 * The store `freshet store copy --to` names: a `postgres://` URL (the Postgres store plugin) or
 * a file path (the embedded SQLite store), relative to the working directory.
 */
export function storeTarget(to: string, cwd: string, configFile: string): ResolvedStore {
  if (/^postgres(ql)?:\/\//i.test(to)) {
    return {
      kind: 'plugin',
      use: '@freshet/store-postgres',
      options: { url: to },
      configFile,
      label: `@freshet/store-postgres ${redactedUrl(to)}`,
    };
  }
  const file = path.resolve(cwd, to);
  return { kind: 'sqlite', path: file, label: file };
}

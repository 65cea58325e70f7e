import { register } from 'node:module';

// Runs in Node's module-loader thread: a bare `@freshet/*` import that does not resolve from
// the importing file is resolved again from the runner, which depends on every first-party package.
const HOOKS = `
let fallbackParent;
export function initialize(data) { fallbackParent = data.parentURL; }
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    if (!fallbackParent || !specifier.startsWith('@freshet/') || err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    return next(specifier, { ...context, parentURL: fallbackParent });
  }
}
`;

let registered = false;

/**
 * Lets a `freshet.config.ts` anywhere import `@freshet/core` and the `@freshet/source-*`
 * factories the runner ships with, even where they are not installed next to it (the repo
 * root's `config/`, a deployment directory). Packages installed next to the config win.
 */
export function allowConfigsToImportFreshet(): void {
  if (registered) return;
  registered = true;
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, {
    parentURL: import.meta.url,
    data: { parentURL: import.meta.url },
  });
}

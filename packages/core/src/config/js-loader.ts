import { realpath } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type ts from 'typescript';
import { LoadFailure, thrownByConfig } from './load-failure.js';

type Ts = typeof ts;

/** Loads a `.js`/`.mjs` config by `import()` alone (cosmiconfig's `require()` retry hides the error). */
export async function loadJsConfig(filepath: string, content: string): Promise<unknown> {
  return importConfigModule(filepath, filepath, content, 'JavaScript');
}

/**
 * Imports `moduleFile` (the config, or what a TypeScript config compiled to) and returns its
 * default export; a failure names `filepath`, the user's file, and says what went wrong.
 */
export async function importConfigModule(
  moduleFile: string,
  filepath: string,
  content: string,
  language: 'JavaScript' | 'TypeScript',
): Promise<unknown> {
  const href = pathToFileURL(await realpath(moduleFile)).href;
  try {
    return ((await import(href)) as { default?: unknown }).default;
  } catch (err) {
    if (err instanceof SyntaxError && !thrownWhileRunning(err, moduleFile, href)) {
      throw await syntaxFailure(err, filepath, content, language);
    }
    throw thrownByConfig(err, filepath);
  }
}

// Node names neither the file nor the line of a module that does not parse; a SyntaxError
// that the code threw while running (JSON.parse) has a stack frame in the file.
function thrownWhileRunning(err: SyntaxError, filepath: string, href: string): boolean {
  const stack = err.stack ?? '';
  return stack.includes(`${href}:`) || stack.includes(`(${filepath}:`) || stack.includes(`at ${filepath}:`);
}

async function syntaxFailure(
  err: SyntaxError,
  filepath: string,
  content: string,
  language: string,
): Promise<LoadFailure> {
  // A TypeScript config parsed already: the error is in its output, whose lines are not the file's.
  if (language === 'TypeScript')
    return new LoadFailure(`${err.message} (a syntax error)`, filepath, { cause: err });
  // Only on this path: typescript's parser finds the line Node does not tell.
  const typescript = (await import('typescript')).default;
  const { diagnostics = [] } = typescript.transpileModule(content, {
    fileName: filepath.replace(/\.[cm]?[jt]s$/, '.mjs'),
    reportDiagnostics: true,
    compilerOptions: {
      module: typescript.ModuleKind.ESNext,
      target: typescript.ScriptTarget.ES2022,
      allowJs: true,
    },
  });
  const line = syntaxErrorLine(typescript, diagnostics);
  return new LoadFailure(`${line?.at ?? ''}${err.message} (a ${language} syntax error)`, filepath, {
    cause: err,
  });
}

/** The first syntax error among `diagnostics`: `line N: ` and its message. */
export function syntaxErrorLine(
  typescript: Ts,
  diagnostics: readonly ts.Diagnostic[],
): { at: string; message: string } | null {
  const first = diagnostics.find((d) => d.category === typescript.DiagnosticCategory.Error);
  if (first === undefined) return null;
  const at =
    first.file && first.start !== undefined
      ? `line ${first.file.getLineAndCharacterOfPosition(first.start).line + 1}: `
      : '';
  return { at, message: typescript.flattenDiagnosticMessageText(first.messageText, ' ') };
}

import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { importConfigModule, syntaxErrorLine } from './js-loader.js';
import { LoadFailure } from './load-failure.js';
import { cacheSlot, readCached, writeCached } from './ts-cache.js';

/**
 * Loads a `.ts` config: its compiled JavaScript from the cache (see ts-cache.ts), or compiled
 * now and cached, refusing it on a syntax error (a half-written config would otherwise load as
 * an empty module). The JavaScript is imported from beside the file, under a new name each
 * time, so its relative imports and packages resolve as the file's own would and an edit is
 * never answered from Node's module cache.
 */
export async function loadTsConfig(filepath: string, content: string): Promise<unknown> {
  const slot = await cacheSlot(filepath, content);
  let outputText = slot === null ? null : await readCached(slot);
  if (outputText === null) {
    outputText = await transpile(filepath, content);
    if (slot !== null) await writeCached(slot, outputText);
  }
  const compiled = `${filepath}.${randomUUID()}.mjs`;
  await writeFile(compiled, outputText);
  try {
    return await importConfigModule(compiled, filepath, outputText, 'TypeScript');
  } finally {
    await rm(compiled, { force: true });
  }
}

async function transpile(filepath: string, content: string): Promise<string> {
  const ts = (await import('typescript')).default;
  const { outputText, diagnostics = [] } = ts.transpileModule(content, {
    fileName: filepath,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
    },
  });
  const line = syntaxErrorLine(ts, diagnostics);
  if (line !== null) {
    throw new LoadFailure(`${line.at}${line.message} (a TypeScript syntax error)`, filepath);
  }
  return outputText;
}

import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { importConfigModule, syntaxErrorLine } from './js-loader.js';
import { LoadFailure } from './load-failure.js';

/**
 * Transpiles a `.ts` config once, refusing it on a syntax error (a half-written config would
 * otherwise load as an empty module), then imports the output from beside the file, so its
 * relative imports and packages resolve as the file's own would.
 */
export async function loadTsConfig(filepath: string, content: string): Promise<unknown> {
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
  const compiled = `${filepath}.${randomUUID()}.mjs`;
  await writeFile(compiled, outputText);
  try {
    return await importConfigModule(compiled, filepath, outputText, 'TypeScript');
  } finally {
    await rm(compiled, { force: true });
  }
}

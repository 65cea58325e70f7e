import { defaultLoaders, type Loader } from 'cosmiconfig';

/**
 * cosmiconfig's `.ts` loader transpiles without reporting syntax errors, so a half-written
 * config would load as an empty module. Refuse it instead, naming the line.
 */
export const checkedTsLoader: Loader = async (filepath, content) => {
  const ts = (await import('typescript')).default;
  const { diagnostics = [] } = ts.transpileModule(content, {
    fileName: filepath,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const first = diagnostics.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (first) {
    const where =
      first.file && first.start !== undefined
        ? `line ${first.file.getLineAndCharacterOfPosition(first.start).line + 1}: `
        : '';
    throw Object.assign(
      new Error(
        `${where}${ts.flattenDiagnosticMessageText(first.messageText, ' ')} (a TypeScript syntax error)`,
      ),
      { filepath },
    );
  }
  return defaultLoaders['.ts'](filepath, content);
};

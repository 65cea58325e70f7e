import { readFileSync } from 'node:fs';
import ts from 'typescript';

/** One fenced TypeScript block of a Markdown file, with the line it starts on (for messages). */
export interface CodeBlock {
  file: string;
  line: number;
  code: string;
}

const FENCE = /^```(ts|typescript)\s*$/;

/** Every ```ts block of `file`, in order. */
export function typescriptBlocks(file: string): CodeBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE.test(lines[i]!.trim())) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end]!.trim() !== '```') end++;
    blocks.push({ file, line: start + 1, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

/**
 * Type-checks each example as its own ES module, resolving `@freshet/*` to the workspace sources
 * through `paths` (what a user compiles against once the packages are installed). Returns one
 * line per problem, naming the README and the line inside the block.
 */
export function typeErrors(
  examples: ReadonlyArray<{ block: CodeBlock; path: string }>,
  options: { repoRoot: string; paths: Record<string, string[]> },
): string[] {
  const program = ts.createProgram(
    examples.map((e) => e.path),
    {
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2023.d.ts'],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      esModuleInterop: true,
      baseUrl: options.repoRoot,
      paths: options.paths,
      typeRoots: [`${options.repoRoot}/node_modules/@types`],
      types: ['node'],
    },
  );
  const problems: string[] = [];
  for (const { block, path } of examples) {
    const sourceFile = program.getSourceFile(path);
    if (sourceFile === undefined) {
      problems.push(`${block.file}:${block.line}: example not compiled`);
      continue;
    }
    const diagnostics = [
      ...program.getSyntacticDiagnostics(sourceFile),
      ...program.getSemanticDiagnostics(sourceFile),
    ];
    for (const d of diagnostics) {
      const at = d.start === undefined ? 0 : sourceFile.getLineAndCharacterOfPosition(d.start).line;
      problems.push(
        `${block.file}:${block.line + at}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      );
    }
  }
  return problems;
}

import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { newSourceFiles } from './new-source-files.js';
import { sourceNames } from './source-names.js';

// The plugin guide shows the scaffold of `freshet new-source acme` as the complete minimal
// source; this keeps the page and the templates the same code.
const GUIDE = new URL('../../../../docs/writing-a-source.md', import.meta.url);
const SHOWN = ['src/source.ts', 'src/testing.ts', 'src/conformance.test.ts'];

/** The code block after each "`path`, …:" line of the guide's "A complete minimal source". */
function blocksOfSection(markdown: string): Map<string, string> {
  const start = markdown.indexOf('\n## A complete minimal source\n');
  expect(start, 'docs/writing-a-source.md has a section "## A complete minimal source"').toBeGreaterThan(-1);
  const end = markdown.indexOf('\n## ', start + 1);
  const section = markdown.slice(start, end === -1 ? undefined : end);
  const blocks = new Map<string, string>();
  for (const match of section.matchAll(/^`([^`]+)`[^\n]*:\n\n```ts\n([\s\S]*?)^```$/gm)) {
    blocks.set(match[1]!, match[2]!);
  }
  return blocks;
}

it('shows the scaffolded source, simulator and conformance test verbatim in the plugin guide', async () => {
  const files = await newSourceFiles(sourceNames('acme'));
  const blocks = blocksOfSection(await readFile(GUIDE, 'utf8'));
  expect([...blocks.keys()]).toEqual(SHOWN);
  for (const path of SHOWN) {
    expect(blocks.get(path), `${path} in docs/writing-a-source.md differs from what new-source writes`).toBe(
      files.get(path),
    );
  }
});

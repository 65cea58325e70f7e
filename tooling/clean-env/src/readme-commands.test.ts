import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { README_SECTION, readmeCommands } from './readme-commands.mjs';

const readme = (block: string) =>
  `# Freshet\n\n${README_SECTION}\n\nText.\n\n${block}\n\nMore text.\n\n## Next\n\n\`\`\`sh\nnot this\n\`\`\`\n`;

describe("the README's set-up commands", () => {
  it('are the two commands of the first block in the set-up section, comments dropped', () => {
    const text = readme('```sh\nnpm start   # the main job\n# a comment line\nnpm test    # the tests\n```');
    expect(readmeCommands(text)).toEqual({ mainJob: 'npm start', test: 'npm test' });
  });

  it("are read from this repository's README", () => {
    const text = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readmeCommands(text)).toEqual({ mainJob: 'npm start', test: 'npm test' });
  });

  it('name the problem when the section, the block or the two commands are missing', () => {
    expect(() => readmeCommands('# Freshet\n')).toThrow(`README.md has no "${README_SECTION}" section`);
    expect(() => readmeCommands(readme('no block'))).toThrow('has no fenced block of commands');
    expect(() => readmeCommands(readme('```sh\nnpm install\nnpm start\nnpm test\n```'))).toThrow(
      'must hold exactly two commands, the main job then the test command; found 3',
    );
  });
});

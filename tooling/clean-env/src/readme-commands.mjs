export const README_SECTION = '## Install and test (fresh machine)';

/**
 * The commands of the first fenced block in the README's set-up section, comments dropped, in
 * order: the main job, then the test command. Taking them from the README itself keeps the README
 * and this check from drifting apart.
 * @param {string} readme
 * @returns {{ mainJob: string, test: string }}
 */
export function readmeCommands(readme) {
  const start = readme.indexOf(`\n${README_SECTION}\n`);
  if (start === -1)
    throw new Error(
      `README.md has no "${README_SECTION}" section; the clean-environment check reads its commands from there`,
    );
  const section = readme.slice(start + README_SECTION.length + 2).split(/\n## /)[0] ?? '';
  const block = /^```(?:sh|bash|shell)?\n([\s\S]*?)^```/m.exec(section)?.[1];
  if (block === undefined)
    throw new Error(`README.md's "${README_SECTION}" section has no fenced block of commands`);
  const commands = block
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean);
  const [mainJob, test, ...rest] = commands;
  if (!mainJob || !test || rest.length > 0) {
    throw new Error(
      `README.md's "${README_SECTION}" block must hold exactly two commands, the main job then the test command; found ${commands.length}: ${JSON.stringify(commands)}`,
    );
  }
  return { mainJob, test };
}

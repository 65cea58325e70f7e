import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { SLICES_IN_FLIGHT_NOTICE, stopNoticeOf } from './commands/stop-notice.js';
import { buildProgram } from './program.js';
import { cli } from './test-support/cli.js';
import { testConfig } from './test-support/config.js';
import { weekSource } from './test-support/sources.js';

const COMMANDS = [
  ['run'],
  ['plan'],
  ['status'],
  ['runs', 'list'],
  ['runs', 'show'],
  ['changes'],
  ['assets', 'report'],
  ['sensor', 'status'],
  ['checkpoint', 'show'],
  ['checkpoint', 'validate'],
  ['checkpoint', 'reset'],
  ['checkpoint', 'reconcile'],
];

describe('freshet (command line)', () => {
  it('has help with examples on every command', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Exit codes: 0 ok, 1 some partitions failed');
    for (const command of COMMANDS) {
      const help = await cli([...command, '--help']);
      expect(help.code, command.join(' ')).toBe(0);
      expect(help.stdout, command.join(' ')).toContain('Examples:');
      expect(help.stdout, command.join(' ')).toContain(`$ freshet ${command.join(' ')}`);
    }
  });

  it('exits 2 on bad usage, naming the problem', async () => {
    const unknownOption = await cli(['run', '--sorce', 'nih']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain("unknown option '--sorce'");
    expect(unknownOption.stderr).toContain('--source');

    const unknownCommand = await cli(['runn']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('unknown command');

    const badStatus = await cli(['assets', 'report', 'bulk', '--status', 'ok']);
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toContain('Allowed choices are success, failure');

    const missingStatus = await cli(['assets', 'report', 'bulk']);
    expect(missingStatus.code).toBe(2);
    expect(missingStatus.stderr).toContain("required option '--status <status>' not specified");

    const badLimit = await cli(['runs', 'list', '--limit', '0']);
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toContain('expected a whole number of 1 or more');

    const badLevel = await cli(['--log-level', 'loud', 'status']);
    expect(badLevel.code).toBe(2);

    expect((await cli([])).code).toBe(2);
  });

  it("escapes terminal control bytes it echoes from flags, in its own errors and in commander's", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'freshet-echo-'));
    try {
      const config = await testConfig(dir, [{ source: weekSource('nih') }]);
      const red = '\u001b[31mx';
      for (const argv of [
        ['plan', '--window', red],
        ['plan', '--source', red],
        ['runs', 'list', '--limit', red],
        ['assets', 'report', 'bulk', '--status', red],
      ]) {
        const result = await cli(argv, { config });
        expect(result.code, argv.join(' ')).toBe(2);
        expect(result.stderr, argv.join(' ')).toMatch(/\\x1b\[31mx|\\u001b\[31mx/);
        expect(result.stderr, argv.join(' ')).not.toContain('\u001b');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with the fix when there is no configuration', async () => {
    const result = await cli(['status'], { cwd: '/' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no Freshet configuration in /');
    expect(result.stderr).toContain('config/freshet.config.ts');
  });

  it('prints its version (from its package.json) with --version and -V, and exits 0', async () => {
    const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    for (const flag of ['--version', '-V']) {
      const result = await cli([flag]);
      expect(result.code, flag).toBe(0);
      expect(result.stdout, flag).toBe(`${version}\n`);
      expect(result.stderr, flag).toBe('');
    }
    expect((await cli(['--help'])).stdout).toContain('-V, --version');
  });

  it('says, per command, what the first Ctrl-C does: each one what is true for it', () => {
    const program = buildProgram(
      { io: { stdout: { write() {} }, stderr: { write() {} } }, env: {}, cwd: '/' },
      () => {},
    );
    const find = (path: string): Command => {
      let command: Command = program;
      for (const name of path.split(' ')) {
        const next = command.commands.find((c) => c.name() === name);
        if (next === undefined) throw new Error(`no command ${path}`);
        command = next;
      }
      return command;
    };
    expect(stopNoticeOf(find('sim'))).toBe('stopping the simulators');
    expect(stopNoticeOf(find('serve'))).toBe('stopping the UI server');
    for (const path of ['run', 'daemon', 'worker', 'sandbox']) {
      expect(stopNoticeOf(find(path)), path).toBe(SLICES_IN_FLIGHT_NOTICE);
    }
    // Commands that wait for nothing: the signal ends them at once, with nothing to say.
    for (const path of ['plan', 'status', 'runs list', 'checkpoint reset', 'store copy', 'store migrate']) {
      expect(stopNoticeOf(find(path)), path).toBeNull();
    }
  });

  it('tells the process the notice of the command before its action runs', async () => {
    const notices: Array<string | null> = [];
    const setStopNotice = (notice: string | null) => notices.push(notice);
    // Each fails fast (a bad size, no configuration), after its action started.
    await cli(['sim', '--port-base', '0', '--size', 'nih.wekes=2'], { setStopNotice });
    await cli(['serve'], { cwd: '/', setStopNotice });
    await cli(['run'], { cwd: '/', setStopNotice });
    await cli(['status'], { cwd: '/', setStopNotice });
    expect(notices).toEqual([
      'stopping the simulators',
      'stopping the UI server',
      SLICES_IN_FLIGHT_NOTICE,
      null,
    ]);
  });
});

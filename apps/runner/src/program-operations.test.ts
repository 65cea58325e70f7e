import { describe, expect, it } from 'vitest';
import { cli } from './test-support/cli.js';

describe('freshet daemon, sim and sandbox (command line)', () => {
  it('have help with examples', async () => {
    for (const command of ['daemon', 'sim', 'sandbox']) {
      const help = await cli([command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toContain('Examples:');
      expect(help.stdout, command).toContain(`$ freshet ${command}`);
    }
    expect((await cli(['--help'])).stdout).toMatch(/daemon \[options\][\s\S]*sim \[options\][\s\S]*sandbox/);
  });

  it('exit 2 on bad usage', async () => {
    expect((await cli(['daemon', '--twice'])).code).toBe(2);
    const seed = await cli(['sim', '--seed', 'x']);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toContain('expected a whole number');
  });
});

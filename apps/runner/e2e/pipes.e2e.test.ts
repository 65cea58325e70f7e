import { describe, expect } from 'vitest';
import { nihProjectTest } from './harness/fixtures.js';

const it = nihProjectTest();

// As `freshet runs list | head -1`: the reader is gone before (or while) freshet writes. Closing
// our end before the child writes anything makes its first write fail, every time.
describe('freshet (built binary): output into a closed pipe', () => {
  it.for([['runs', 'list'], ['status', '--json'], ['plan']])(
    '%j exits quietly when stdout is closed',
    async (argv, { project }) => {
      const running = project.spawn(argv);
      running.child.stdout?.destroy();
      const result = await running.done;
      expect(result.stderr).not.toMatch(/EPIPE|Unhandled 'error' event|\n\s+at /);
      expect(result.code).toBe(0);
    },
  );

  it('exits quietly, with the error exit code, when stderr is closed', async ({ project }) => {
    const running = project.spawn(['runs', 'show', 'no_such_run']);
    running.child.stderr?.destroy();
    const result = await running.done;
    expect(result.signal).toBeNull();
    expect(result.code).toBe(2);
  });
});

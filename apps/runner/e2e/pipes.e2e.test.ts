import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertBuilt } from './harness/binary.js';
import { type NihFixture, startNih } from './harness/nih.js';
import { type E2eProject, e2eProject } from './harness/project.js';

let nih: NihFixture;
let project: E2eProject;

beforeAll(async () => {
  assertBuilt();
  nih = await startNih();
});
afterAll(async () => {
  await nih?.close();
});
beforeEach(async () => {
  project = await e2eProject({ baseUrl: nih.proxy.baseUrl });
});
afterEach(async () => {
  await project.dispose();
});

// As `freshet runs list | head -1`: the reader is gone before (or while) freshet writes. Closing
// our end before the child writes anything makes its first write fail, every time.
describe('freshet (built binary): output into a closed pipe', () => {
  it.each([[['runs', 'list']], [['status', '--json']], [['plan']]])(
    '%j exits quietly when stdout is closed',
    async (argv) => {
      const running = project.spawn(argv);
      running.child.stdout?.destroy();
      const result = await running.done;
      expect(result.stderr).not.toMatch(/EPIPE|Unhandled 'error' event|\n\s+at /);
      expect(result.code).toBe(0);
    },
  );

  it('exits quietly, with the error exit code, when stderr is closed', async () => {
    const running = project.spawn(['runs', 'show', 'no_such_run']);
    running.child.stderr?.destroy();
    const result = await running.done;
    expect(result.signal).toBeNull();
    expect(result.code).toBe(2);
  });
});

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { assertBuilt, freshet, type RunningFreshet, spawnFreshet } from './harness/binary.js';
import { nihProjectTest } from './harness/fixtures.js';
import { sleep } from './harness/proxy.js';

const it = nihProjectTest();

async function waitFor(running: RunningFreshet, done: (stdout: string) => boolean): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (done(running.output().stdout)) return;
    await sleep(50);
  }
  throw new Error(`no output in time:\n${running.output().stdout}\n${running.output().stderr}`);
}

describe('freshet (built binary): its version, and what Ctrl-C says per command', () => {
  it('--version and -V print the version of its package.json and exit 0', async () => {
    assertBuilt();
    const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const result = await freshet([flag], { cwd: tmpdir() });
      expect(result.code, flag).toBe(0);
      expect(result.stdout, flag).toBe(`${version}\n`);
    }
  });

  it('sim says it stops the simulators on SIGTERM, not that slices commit', async () => {
    assertBuilt();
    const dir = await mkdtemp(join(tmpdir(), 'freshet-e2e-sim-'));
    try {
      const running = spawnFreshet(['sim', '--port-base', '0'], { cwd: dir });
      await waitFor(running, (stdout) => stdout.includes('});'));
      running.child.kill('SIGTERM');
      const result = await running.done;
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('\nstopping the simulators\n');
      expect(result.stderr).not.toContain('slices in flight');
      expect(result.stderr).toContain('simulators stopped; what they served:');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serve says it stops the UI server on SIGINT', async ({ project }) => {
    const running = project.spawn(['serve', '--port', '0']);
    await waitFor(running, (stdout) => stdout.includes('freshet UI on http://'));
    running.child.kill('SIGINT');
    const result = await running.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('\nstopping the UI server\n');
    expect(result.stderr).not.toContain('slices in flight');
  });

  it('run still says the slices in flight commit, and they do', async ({ project, nih }) => {
    // A slice in flight when the signal comes: its answer is held until after the signal.
    nih.proxy.holdAnswers((request) => request.seq >= 2);
    try {
      const running = project.spawn(['run']);
      await nih.proxy.waitFor((request) => request.seq === 2 && request.status !== null);
      running.child.kill('SIGTERM');
      await waitFor(running, () => running.output().stderr.includes('stopping'));
      nih.proxy.release();
      const result = await running.done;
      expect(result.stderr).toContain(
        '\nstopping after the slices in flight commit (Ctrl-C again to abort them)\n',
      );
      expect(result.stdout).toMatch(/run run_\S+ interrupted/);
    } finally {
      nih.proxy.release();
    }
  });

  it('a command that waits for nothing (status) ends at once on SIGTERM, saying nothing', async () => {
    assertBuilt();
    // A "Postgres" that accepts connections and never answers: status hangs opening the store.
    const sockets: Socket[] = [];
    let connected!: () => void;
    const connection = new Promise<void>((resolve) => {
      connected = resolve;
    });
    const server = createServer((socket) => {
      sockets.push(socket);
      connected();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const dir = await mkdtemp(join(tmpdir(), 'freshet-e2e-hang-'));
    try {
      await mkdir(join(dir, 'config'));
      await writeFile(
        join(dir, 'config', 'freshet.config.mjs'),
        `export default { store: { use: 'postgres', url: 'postgres://freshet:pw@127.0.0.1:${port}/freshet' }, sources: [] };\n`,
      );
      const running = spawnFreshet(['status'], { cwd: dir });
      await connection;
      const sentAt = Date.now();
      running.child.kill('SIGTERM');
      const result = await running.done;
      expect(Date.now() - sentAt).toBeLessThan(5_000);
      expect(result.signal).toBe('SIGTERM');
      expect(result.stderr).not.toContain('stopping');
    } finally {
      for (const socket of sockets) socket.destroy();
      server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

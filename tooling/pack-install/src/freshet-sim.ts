import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

export interface RunningSim {
  /** What `--print-config` wrote on stdout: a freshet.config.ts pointing at the simulators. */
  config: string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * `freshet sim --print-config --port-base 0` in an installed project, through the bin npm linked
 * (`npx` would stand between it and the signal): resolves once the whole configuration is out.
 */
export async function startInstalledSim(project: string, timeoutMs = 60_000): Promise<RunningSim> {
  const child = spawn(
    join(project, 'node_modules', '.bin', 'freshet'),
    ['sim', '--print-config', '--port-base', '0'],
    {
      cwd: project,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const deadline = Date.now() + timeoutMs;
  // The configuration ends with defineConfig's closing `});`.
  while (!/\}\);\s*$/.test(stdout)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`freshet sim printed no configuration (exit ${child.exitCode}):\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    config: stdout,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

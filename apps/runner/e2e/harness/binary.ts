import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built `freshet` binary these tests drive: `node apps/runner/dist/cli.js`. */
export const CLI_PATH = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** Fails early, with the command that fixes it, when the runner was not built. */
export function assertBuilt(): void {
  if (!existsSync(CLI_PATH)) {
    throw new Error(
      `${CLI_PATH} does not exist; build the runner first: cd /work/main && pnpm turbo run build --filter=@freshet/runner...`,
    );
  }
}

export interface FreshetResult {
  /** null when the process was killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as one JSON document (`--json`). */
  json<T = unknown>(): T;
}

export interface FreshetOptions {
  cwd: string;
  /** Added to the child's environment (which is otherwise only PATH, HOME and TMPDIR). */
  env?: Record<string, string>;
  /** Kill the child (SIGKILL) and fail after this long. Default 30 s. */
  timeoutMs?: number;
}

export interface RunningFreshet {
  child: ChildProcess;
  /** Output so far. */
  output(): { stdout: string; stderr: string };
  done: Promise<FreshetResult>;
}

/**
 * Starts `freshet <argv>` as a child process. Its environment is built from scratch, so the test
 * runner's variables (and any secret in them) cannot leak in or change the behaviour.
 */
export function spawnFreshet(argv: readonly string[], options: FreshetOptions): RunningFreshet {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? options.cwd,
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    ...options.env,
  };
  const child = spawn(process.execPath, [CLI_PATH, ...argv], {
    cwd: options.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timeoutMs = options.timeoutMs ?? 30_000;
  const done = new Promise<FreshetResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `freshet ${argv.join(' ')} did not exit within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`,
        ),
      );
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout,
        stderr,
        json: <T>() => {
          try {
            return JSON.parse(stdout) as T;
          } catch (err) {
            throw new Error(
              `freshet ${argv.join(' ')} printed no JSON: ${String(err)}\n${stdout}\n${stderr}`,
            );
          }
        },
      });
    });
  });
  return { child, output: () => ({ stdout, stderr }), done };
}

/** Runs `freshet <argv>` to the end. */
export function freshet(argv: readonly string[], options: FreshetOptions): Promise<FreshetResult> {
  return spawnFreshet(argv, options).done;
}

import type { CommandContext } from '../commands/context.js';
import { runCli } from '../program.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for --json). */
  json<T = unknown>(): T;
}

/** Runs `freshet <argv>` in-process with captured output. */
export async function cli(
  argv: string[],
  ctx: Partial<CommandContext> & { tty?: boolean } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const { tty, ...rest } = ctx;
  const code = await runCli(argv, {
    io: {
      stdout: { write: (text: string) => (stdout += text), isTTY: tty === true },
      stderr: { write: (text: string) => (stderr += text), isTTY: tty === true },
      // Only `isTTY` is read: the confirmation itself comes from ctx.confirm.
      ...(tty ? { stdin: { isTTY: true } as unknown as NodeJS.ReadableStream & { isTTY: boolean } } : {}),
    },
    env: {},
    cwd: process.cwd(),
    ...rest,
  });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}

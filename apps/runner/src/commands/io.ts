import { createRedactor, escapeControlChars, type Redact } from '@freshet/core';

export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Where a command reads and writes; tests pass strings in and read strings out. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH/i;

/** Values of environment variables whose names look secret, as core's config loader treats them. */
export function secretsInEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && value !== undefined && value.length > 0)
    .map(([, value]) => value as string);
}

// JSON.stringify escapes C0 controls; DEL and C1 get the same \u escape, so JSON stays valid.
const DEL_AND_C1 = /[\u007f-\u009f]/g;
const jsonEscape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Every line a command prints goes through here, redacted: an API key must never reach a
 * terminal or a log collector, whatever message carried it. Control bytes are escaped: a flag
 * value, a request field or an asset message echoed back must not drive the terminal.
 */
export class Printer {
  #redact: Redact;
  #secrets: string[];

  constructor(
    readonly io: CliIo,
    secrets: readonly string[],
  ) {
    this.#secrets = [...secrets];
    this.#redact = createRedactor(this.#secrets);
  }

  get redact(): Redact {
    return this.#redact;
  }

  addSecrets(secrets: readonly string[]): void {
    if (secrets.length === 0) return;
    this.#secrets.push(...secrets);
    this.#redact = createRedactor(this.#secrets);
  }

  /** A line of human output on stdout. */
  out(text = ''): void {
    this.io.stdout.write(`${escapeControlChars(this.#redact(text))}\n`);
  }

  /** A line on stderr: errors, warnings, notes. */
  err(text: string): void {
    this.io.stderr.write(`${escapeControlChars(this.#redact(text))}\n`);
  }

  /** One JSON document on stdout (`--json`). */
  json(value: unknown): void {
    this.io.stdout.write(`${this.jsonText(JSON.stringify(value, null, 2))}\n`);
  }

  /** JSON text (a document or a piece of one) as `json` prints it: redacted, DEL and C1 escaped. */
  jsonText(text: string): string {
    return this.#redact(text).replace(DEL_AND_C1, jsonEscape);
  }

  get isTTY(): boolean {
    return this.io.stdout.isTTY === true;
  }
}

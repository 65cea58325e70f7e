import type { Printer } from './io.js';

/** Text per write: large enough that writes are few, small enough that memory stays flat. */
const PIECE_CHARS = 64 * 1024;

type Writable = Printer['io']['stdout'] & {
  once?(event: 'drain', listener: () => void): unknown;
};

/**
 * `freshet plan --json`: the text `print.json(plan)` would print, written entry by entry. A
 * plan of 100,000 partitions is ~70 MB of JSON; built as one string (and copied by redaction
 * and escaping) it took over 600 MiB. Each piece is whole entries, so a secret is never split
 * across two pieces and is redacted as it would be in one.
 */
export async function printPlanJson(print: Printer, plan: object): Promise<void> {
  const stdout = print.io.stdout as Writable;
  let piece = '';
  const flush = async () => {
    if (piece === '') return;
    const text = print.jsonText(piece);
    piece = '';
    // A pipe that is full says so; wait for the reader instead of queueing the rest in memory.
    if (stdout.write(text) === false && stdout.once) {
      await new Promise<void>((resolve) => stdout.once?.('drain', resolve));
    }
  };
  for (const part of planJsonParts(plan)) {
    piece += part;
    if (piece.length >= PIECE_CHARS) await flush();
  }
  piece += '\n';
  await flush();
}

/** `JSON.stringify(plan, null, 2)` in parts: each top-level field, and each of `entries`. */
function* planJsonParts(plan: object): Generator<string> {
  const fields = Object.entries(plan).filter(([, value]) => JSON.stringify(value) !== undefined);
  if (fields.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  for (const [index, [key, value]] of fields.entries()) {
    yield `${index === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `;
    if (key === 'entries' && Array.isArray(value) && value.length > 0) {
      yield '[';
      for (let i = 0; i < value.length; i++) {
        yield `${i === 0 ? '' : ','}\n    ${indented(value[i], '    ')}`;
      }
      yield '\n  ]';
    } else {
      yield indented(value, '  ');
    }
  }
  yield '\n}';
}

/** Pretty JSON nested at `indent`: strings in JSON hold no raw newline, so every one is layout. */
function indented(value: unknown, indent: string): string {
  return (JSON.stringify(value, null, 2) ?? 'null').replaceAll('\n', `\n${indent}`);
}

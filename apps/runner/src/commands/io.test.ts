import { describe, expect, it } from 'vitest';
import { Printer } from './io.js';

function printer(secrets: string[] = []) {
  const written = { out: '', err: '' };
  const print = new Printer(
    {
      stdout: { write: (t: string) => (written.out += t) },
      stderr: { write: (t: string) => (written.err += t) },
    },
    secrets,
  );
  return { print, written };
}

describe('Printer', () => {
  it('escapes terminal control bytes (C0, ESC, DEL, C1) on both streams, keeping lines and tabs', () => {
    const { print, written } = printer();
    print.err('error: --source names source "\u001b[31mx\u007f\u009b2J\r", which is not configured');
    print.out('a\tb\nc \u0007');
    expect(written.err).toBe(
      'error: --source names source "\\x1b[31mx\\x7f\\x9b2J\\x0d", which is not configured\n',
    );
    expect(written.out).toBe('a\tb\nc \\x07\n');
  });

  it('prints JSON with DEL and C1 escaped too, still as valid JSON', () => {
    const { print, written } = printer();
    print.json({ message: '\u001b[0m\u007f\u0085' });
    expect([...written.out].filter((c) => c < ' ' && c !== '\n').length).toBe(0);
    expect(written.out).not.toMatch(/[\u007f-\u009f]/);
    expect(JSON.parse(written.out)).toEqual({ message: '\u001b[0m\u007f\u0085' });
  });

  it('still redacts secrets', () => {
    const { print, written } = printer(['sam-key-0123456789']);
    print.err('bad key sam-key-0123456789');
    expect(written.err).toBe('bad key ***\n');
  });
});

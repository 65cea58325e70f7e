import { describe, expect, it } from 'vitest';
import { ECHO_LIMIT, escapeControlChars, quoteInput } from './echo-input.js';

describe('escapeControlChars', () => {
  it('escapes C0 controls, ESC, DEL and C1 controls, keeping newlines and tabs', () => {
    expect(escapeControlChars('\u001b[31mred\u0007\r\u007f\u009b2J\u0085')).toBe(
      '\\x1b[31mred\\x07\\x0d\\x7f\\x9b2J\\x85',
    );
    expect(escapeControlChars('line one\n\tline two, café ✓')).toBe('line one\n\tline two, café ✓');
  });
});

describe('quoteInput', () => {
  it('quotes input with every control byte escaped, DEL and C1 too', () => {
    expect(quoteInput('\u001b[31mx\u007f\u009b\n')).toBe('"\\u001b[31mx\\x7f\\x9b\\n"');
    expect(quoteInput('say "hi"')).toBe('"say \\"hi\\""');
  });

  it(`cuts input longer than ${ECHO_LIMIT} characters, marking the cut`, () => {
    const quoted = quoteInput('x'.repeat(10_000_000));
    expect(quoted).toBe(`"${'x'.repeat(ECHO_LIMIT)}…"`);
    expect(quoteInput('y'.repeat(ECHO_LIMIT))).toBe(`"${'y'.repeat(ECHO_LIMIT)}"`);
  });

  it('never cuts a character in half', () => {
    const quoted = quoteInput(`${'a'.repeat(ECHO_LIMIT - 1)}😀😀`);
    expect(quoted).toBe(`"${'a'.repeat(ECHO_LIMIT - 1)}…"`);
    expect(quoted).not.toMatch(/\\ud83d/);
  });

  it('quotes what is not a string as text', () => {
    expect(quoteInput(42)).toBe('"42"');
    expect(quoteInput(null)).toBe('"null"');
  });
});

/**
 * Input that a message echoes back (a flag, a request field, a config value) may hold terminal
 * control sequences or megabytes of text: a message must neither recolour a terminal nor grow
 * with its input.
 */

/** How many characters of an input a message shows before cutting it. */
export const ECHO_LIMIT = 80;

// C0 controls except tab and newline (ESC is one), DEL, and the C1 controls (U+0080–U+009F).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// JSON.stringify escapes C0 already; DEL and C1 it leaves as they are.
const DEL_AND_C1 = /[\u007f-\u009f]/g;

const hex = (char: string) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** Makes control characters visible (`\x1b`), keeping newlines and tabs. */
export function escapeControlChars(text: string): string {
  return text.replace(CONTROL, hex);
}

/** `text` cut to `limit` characters with an ellipsis, never splitting a surrogate pair. */
export function truncateInput(text: string, limit = ECHO_LIMIT): string {
  if (text.length <= limit) return text;
  const cut = /[\ud800-\udbff]/.test(text.charAt(limit - 1)) ? limit - 1 : limit;
  return `${text.slice(0, cut)}…`;
}

/** Input for a message: quoted, cut to `limit` characters, every control character escaped. */
export function quoteInput(input: unknown, limit = ECHO_LIMIT): string {
  const text = typeof input === 'string' ? input : String(input);
  return JSON.stringify(truncateInput(text, limit)).replace(DEL_AND_C1, hex);
}

/** A set-up failure: its message names the problem and the fix, and is all the user sees. */
export class SetupError extends Error {
  /** @override */
  name = 'SetupError';
}

/**
 * Set-up messages go to stderr so that a command's own output stays clean for pipes.
 * @param {string} message
 */
export function say(message) {
  process.stderr.write(`[freshet] [setup] ${message}\n`);
}

/**
 * The URL's password, raw and decoded, for a redactor that also cleans what the driver says.
 * (Shown URLs hide it with `redactedUrl` of @freshet/core; ioredis messages do not carry it today,
 * and this keeps it so should one ever do.)
 */
export function urlSecrets(url: string): string[] {
  let password: string;
  try {
    password = new URL(url).password;
  } catch {
    // Not a URL at all: it may be a password pasted in the wrong place.
    return [url];
  }
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // A malformed escape: the raw form is all there is.
  }
  return [...new Set([password, decoded].filter((s) => s.length > 0))];
}

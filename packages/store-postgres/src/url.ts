/** What the store needs to know about its connection URL, without ever keeping the password in view. */
export interface ParsedUrl {
  /** `postgres://user@host:5432/database`: for labels and messages. */
  redacted: string;
  /** The password as written in the URL (percent-decoded), to mask it wherever it might surface. */
  password: string | null;
}

const SCHEMES = new Set(['postgres:', 'postgresql:']);

/** Parses a postgres:// URL; null when it is no URL at all. Throws nothing, echoes nothing. */
export function parsePostgresUrl(url: string): (ParsedUrl & { scheme: string }) | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const user = decode(parsed.username);
  const host = parsed.hostname === '' ? 'localhost' : parsed.hostname;
  const port = parsed.port === '' ? '5432' : parsed.port;
  const database = decode(parsed.pathname.replace(/^\//, '')) || user || 'postgres';
  return {
    scheme: parsed.protocol,
    redacted: `postgres://${user === '' ? '' : `${user}@`}${host}:${port}/${database}`,
    password: parsed.password === '' ? null : decode(parsed.password),
  };
}

export function isPostgresScheme(scheme: string): boolean {
  return SCHEMES.has(scheme);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

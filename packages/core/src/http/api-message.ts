const MAX_MESSAGE_LENGTH = 300;

// Fields APIs put their explanation in, most specific first.
const MESSAGE_FIELDS = ['detail', 'message', 'error', 'description'] as const;

/** True when an error body is an HTML page (a gateway or load balancer), not the API's answer. */
export function isHtmlBody(text: string, headers: Record<string, string>): boolean {
  if (headers['content-type']?.toLowerCase().includes('text/html')) return true;
  return /^\s*<(?:!doctype\s+html|html|head|body)\b/i.test(text);
}

/**
 * The API's own explanation of an error response: a JSON `detail`/`message`/`error` string,
 * a JSON array of strings (NIH RePORTER), the `X-Status-Reason` header (PatentsView), or the
 * plain text body, trimmed and capped. Undefined for HTML pages and empty bodies.
 */
export function extractApiMessage(text: string, headers: Record<string, string>): string | undefined {
  if (isHtmlBody(text, headers))
    return headers['x-status-reason'] ? cap(headers['x-status-reason']) : undefined;
  const fromJson = messageFromJson(text);
  if (fromJson) return cap(fromJson);
  const reason = headers['x-status-reason'];
  if (reason?.trim()) return cap(reason);
  const plain = text.replace(/\s+/g, ' ').trim();
  return plain ? cap(plain) : undefined;
}

function messageFromJson(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (Array.isArray(body)) {
    const strings = body.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
    return strings.length > 0 ? strings.join('; ') : undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  for (const field of MESSAGE_FIELDS) {
    const value = record[field];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

function cap(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE_LENGTH ? `${oneLine.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : oneLine;
}

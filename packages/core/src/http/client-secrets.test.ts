import { setTimeout as delay } from 'node:timers/promises';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { isFreshetError } from '../errors.js';
import { captureLogger } from '../quota/test-fakes.js';
import { closeHarnesses, harness } from './test-harness.js';
import { sendJson, sendText } from './test-server.js';

afterEach(closeHarnesses);

// Characters that URL encoding changes, so the encoded form must be caught too.
const KEY = 'sk_live/8f3a+Q9z=XYZ';
const FORMS = [KEY, encodeURIComponent(KEY), new URLSearchParams({ k: KEY }).toString().slice(2)];

function request(origin: string) {
  return {
    method: 'GET' as const,
    url: `${origin}/entity-information/v3/entities`,
    query: { api_key: KEY, ueiSAM: 'ABC123DEF456' },
    headers: { 'X-Api-Key': KEY },
  };
}

/** Everything a thrown error could show: message, details, causes, stack, inspection. */
function everything(err: unknown): string {
  const parts: string[] = [inspect(err, { depth: 10 }), JSON.stringify(err)];
  for (let current: unknown = err, depth = 0; current instanceof Error && depth < 10; depth++) {
    parts.push(
      current.message,
      current.stack ?? '',
      JSON.stringify((current as { details?: unknown }).details ?? null),
    );
    current = current.cause;
  }
  return parts.join('\n');
}

function expectNoSecret(text: string) {
  for (const form of FORMS) expect(text).not.toContain(form);
}

describe('createHttpClient never reveals a secret', () => {
  it('sends the key but reports only a redacted URL', async () => {
    const h = await harness((_hit, res) => sendJson(res, 200, {}), { secrets: [KEY] });
    const response = await h.http.request(request(h.server.origin));
    expect(h.server.hits[0]?.url).toContain(`api_key=${encodeURIComponent(KEY)}`);
    expect(h.server.hits[0]?.headers['x-api-key']).toBe(KEY);
    expectNoSecret(response.url);
    expect(response.url).toContain('api_key=***');
  });

  it('keeps it out of errors and logs when the API echoes it back', async () => {
    const logger = captureLogger();
    const h = await harness(
      (hit, res) =>
        hit.index === 0
          ? sendText(res, 503, `upstream busy for ${hit.url}`, { 'Retry-After': '0' })
          : sendJson(res, 400, {
              detail: `Invalid key ${KEY} in https://api.sam.gov${hit.url}`,
              links: { selfLink: `https://api.sam.gov${hit.url}` },
            }),
      { secrets: [KEY], logger },
    );
    const err = await h.http.request(request(h.server.origin)).catch((e: unknown) => e);
    expect(isFreshetError(err)).toBe(true);
    expect(String((err as Error).message)).toContain('Invalid key ***');
    expectNoSecret(everything(err));
    expect(logger.lines.length).toBeGreaterThan(0);
    expectNoSecret(logger.text());
  });

  it('keeps it out of network errors, timeouts and their causes', async () => {
    const logger = captureLogger();
    const h = await harness(
      async (hit, res, req) => {
        if (hit.index === 0) return req.socket.destroy();
        await delay(300);
        sendJson(res, 200, {});
      },
      {
        secrets: [KEY],
        logger,
        quota: { timeoutMs: 50, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 50 } },
      },
    );
    const err = await h.http.request(request(h.server.origin)).catch((e: unknown) => e);
    expect(isFreshetError(err)).toBe(true);
    expectNoSecret(everything(err));
    expectNoSecret(logger.text());
  });

  it('masks key-like parameters even when the secret was not declared', async () => {
    const logger = captureLogger();
    const h = await harness((_hit, res) => sendText(res, 403, 'Forbidden'), { logger });
    const err = await h.http.request(request(h.server.origin)).catch((e: unknown) => e);
    expect((err as Error).message).not.toContain(KEY);
    const details = JSON.stringify((err as { details?: unknown }).details);
    expect(details).toContain('api_key=***');
    expectNoSecret(details);
  });
});

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from './body-limit.js';
import { startUiServer, type UiServer } from './server.js';
import { type UiFixture, uiFixture } from './testing/ui-fixture.js';

let f: UiFixture;
let server: UiServer;

beforeAll(async () => {
  f = await uiFixture();
  server = await startUiServer({ project: f.project, port: 0 });
});
afterAll(async () => {
  await server?.close();
  await f.dispose();
});

interface Answer {
  status: number;
  body: string;
}

/**
 * POSTs `chunks` over real HTTP. Without `contentLength` Node sends them chunked, so the server
 * cannot know the size up front.
 */
function post(
  path: string,
  chunks: readonly string[],
  contentType: string,
  chunked = false,
): Promise<Answer> {
  const total = chunks.reduce((n, c) => n + Buffer.byteLength(c), 0);
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}${path}`,
      {
        method: 'POST',
        headers: { 'content-type': contentType, ...(chunked ? {} : { 'content-length': String(total) }) },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    // The server may answer and close before the whole body is sent; that is the point.
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ECONNRESET') return;
      reject(err);
    });
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

const bigJson = (bytes: number) => `{"source":"nih","pad":"${'x'.repeat(bytes)}"}`;
const chunksOf = (text: string, size = 16 * 1024) =>
  Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

describe('the UI refuses request bodies over the limit', () => {
  it(`is 64 KiB (${BODY_LIMIT_BYTES} bytes): the forms are tiny`, () => {
    expect(BODY_LIMIT_BYTES).toBe(64 * 1024);
  });

  it('answers 413 with a short message to a JSON body with a Content-Length over the limit', async () => {
    const answer = await post('/api/runs', [bigJson(BODY_LIMIT_BYTES)], 'application/json');
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: 'BODY_TOO_LARGE', message: 'the request body is over 64 KiB; send less' },
    });
    expect(await f.project.store.listRuns({ limit: 5 })).toEqual([]);
  });

  it('answers 413 to a chunked body without Content-Length once it passes the limit', async () => {
    const answer = await post('/api/runs', chunksOf(bigJson(4 * BODY_LIMIT_BYTES)), 'application/json', true);
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('over 64 KiB');
  });

  it('answers 413 to a big form post to the launch page, as a page', async () => {
    const form = `source=nih&window=${'x'.repeat(BODY_LIMIT_BYTES)}`;
    const answer = await post('/runs', chunksOf(form), 'application/x-www-form-urlencoded', true);
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('over 64 KiB');
    expect(answer.body).toContain('<html');
  });

  it('still takes a body under the limit, even chunked', async () => {
    const body = JSON.stringify({ source: 'nope', pad: 'x'.repeat(1000) });
    const answer = await post('/api/runs', chunksOf(body, 100), 'application/json', true);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('names source \\"nope\\", which is not configured');
  });
});

describe('errors that echo a request field', () => {
  it('cut a long value and escape its control bytes', async () => {
    const source = `\u001b[31m${'s'.repeat(50_000)}`;
    const answer = await post('/api/runs', [JSON.stringify({ source })], 'application/json');
    expect(answer.status).toBe(400);
    const { message } = (JSON.parse(answer.body) as { error: { message: string } }).error;
    expect(message.length).toBeLessThan(300);
    expect(message).toContain('names source "\\u001b[31msss');
    expect(message).toContain('s…"');
    expect(message).not.toContain('\u001b');
  });
});

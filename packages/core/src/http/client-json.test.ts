import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../errors.js';
import { closeHarnesses, harness } from './test-harness.js';

afterEach(closeHarnesses);

const bodies = ['', '{"results": [1, 2', '<html><body>Service Unavailable</body></html>', 'not json'];

describe('Http.json', () => {
  it.each(bodies)('retries a 200 whose body is %j and returns the next whole answer', async (bad) => {
    const h = await harness((hit, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(hit.index === 0 ? bad : '{"results":[1,2,3]}');
    });
    const { body } = await h.http.json({ method: 'GET', url: `${h.server.origin}/search` });
    expect(body).toEqual({ results: [1, 2, 3] });
    expect(h.http.stats()).toMatchObject({ calls: 2, retries: 1 });
  });

  it('gives up with BAD_RESPONSE when every answer is broken', async () => {
    const h = await harness((_hit, res) => res.writeHead(200).end('{"cut'));
    const error = await h.http
      .json({ method: 'GET', url: `${h.server.origin}/search` })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCodes.BAD_RESPONSE });
    expect((error as Error).message).toMatch(/not valid JSON .*gave up after 3 attempts/);
    expect(h.server.hits).toHaveLength(3);
  });

  it('lets a plain request return a body that is not JSON', async () => {
    const h = await harness((_hit, res) => res.writeHead(200).end('plain text'));
    const response = await h.http.request({ method: 'GET', url: `${h.server.origin}/file` });
    expect(response.text).toBe('plain text');
    expect(h.server.hits).toHaveLength(1);
  });
});

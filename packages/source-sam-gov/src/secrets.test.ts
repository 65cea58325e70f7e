import { createHttpClient, createLimiter, ErrorCodes, type Logger } from '@freshet/core';
import { startSamGovSimulator } from '@freshet/testkit';
import { closeAfterEach, FAST_TEST_QUOTA, memoryStore, runSource } from '@freshet/testkit/conformance';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lookupRequest } from './client.js';
import { samGov } from './source.js';

const KEY = 'sam-secret-key-4242';
const track = closeAfterEach();
const quota = { ...FAST_TEST_QUOTA, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } };

/** A logger that keeps every line, fields and message, as JSON. */
function capture(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const keep = (fields: Record<string, unknown>, message: string) =>
    lines.push(JSON.stringify({ fields, message }));
  return { logger: { debug: keep, info: keep, warn: keep, error: keep }, lines };
}

/** The error and its causes, every string field included. */
function everything(err: unknown): string {
  const parts: string[] = [];
  for (
    let e = err as { message?: string; stack?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  )
    parts.push(
      JSON.stringify(e),
      String(e.message),
      String(e.stack),
      JSON.stringify((e as { details?: unknown }).details),
    );
  return parts.join('\n');
}

describe('the API key in the query', () => {
  it('reaches the API, but never an error, a log line or the store', async () => {
    const sim = track(await startSamGovSimulator({ entities: 30, rateLimit: null, apiKeys: [KEY] }));
    const store = track(await memoryStore());
    const source = samGov({ apiKey: KEY, baseUrl: sim.baseUrl, ueis: sim.ueis().slice(0, 5) });
    const { logger, lines } = capture();
    const limiter = createLimiter({ sourceId: source.id, quota, store });
    const http = createHttpClient({
      sourceId: source.id,
      limiter,
      quota,
      logger,
      secrets: source.secrets ?? [],
      ...(source.classifyResponse ? { classifyResponse: source.classifyResponse } : {}),
    });
    try {
      // A 500 retried, then given up: the retry is logged with the URL, the error names it.
      sim.setFaults({ rate: 1, kinds: ['http500'], seed: 1 });
      const failed = await http
        .json(lookupRequest({ ...source.options, apiKey: KEY }, { ueis: sim.ueis().slice(0, 2), page: 0 }))
        .catch((e: unknown) => e);
      sim.setFaults(null);
      // A 400 the API answers with the request's parameters in its links-less error.
      const refused = await http
        .json({
          ...lookupRequest({ ...source.options, apiKey: KEY }, { ueis: sim.ueis().slice(0, 2), page: 0 }),
          query: { api_key: KEY, size: 11 },
        })
        .catch((e: unknown) => e);
      expect((failed as { code?: string }).code).toBe('UPSTREAM_UNAVAILABLE');
      expect((refused as { code?: string }).code).toBe('REQUEST_REJECTED');
      expect(lines.some((line) => line.includes('api_key=***'))).toBe(true);
      for (const text of [everything(failed), everything(refused), ...lines]) expect(text).not.toContain(KEY);
      // The key did go to the API, in the query.
      expect(sim.stats().log.every((entry) => entry.clientKey === KEY)).toBe(true);
    } finally {
      await limiter.stop();
    }

    // Through the engine: the stored error of a failed partition, and the records.
    sim.setFaults({ rate: 1, kinds: ['http500'], seed: 2 });
    const [failedRun] = await runSource({ store, source, partitionKeys: ['sam_gov:uei_batch_0001'], quota });
    expect(failedRun!.outcome).toBe('failed');
    const checkpoint = await store.getCheckpoint('sam_gov:uei_batch_0001');
    expect(checkpoint?.error?.message).toContain('/entity-information/v3/entities');
    expect(JSON.stringify([failedRun, checkpoint])).not.toContain(KEY);
    sim.setFaults(null);
    const [run] = await runSource({ store, source, partitionKeys: ['sam_gov:uei_batch_0001'], quota });
    expect(run!.outcome).toBe('complete');
    for await (const key of store.recordKeys('sam_gov'))
      expect(JSON.stringify(await store.getRecord('sam_gov', key))).not.toContain(KEY);
  });
});

describe('without an API key', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('fails the first slice with AUTH_FAILED naming SAM_GOV_API_KEY, before any request', async () => {
    vi.stubEnv('SAM_GOV_API_KEY', undefined);
    const sim = track(await startSamGovSimulator({ entities: 10, rateLimit: null }));
    const store = track(await memoryStore());
    const source = samGov({ baseUrl: sim.baseUrl, ueis: sim.ueis() });
    const [result] = await runSource({ store, source, partitionKeys: ['sam_gov:uei_batch_0001'], quota });
    expect(result!.outcome).toBe('failed');
    expect(result!.error?.code).toBe(ErrorCodes.AUTH_FAILED);
    expect(result!.error?.message).toContain('set SAM_GOV_API_KEY or the apiKey option');
    expect(sim.stats().requests).toBe(0);
  });
});

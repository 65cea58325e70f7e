// Test helpers only: index.ts does not export this file.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient, createLimiter, type Http, type Quota } from '@freshet/core';
import type { PatentsViewSimulator } from '@freshet/testkit';
import { FAIL_FAST_TEST_QUOTA, memoryStore } from '@freshet/testkit/conformance';
import { classifyPatentsViewResponse } from './classify.js';

/** `patentsview:grant_month_…` of each simulator month. */
export function monthPartitionKeys(sim: PatentsViewSimulator): string[] {
  return sim.months().map((m) => `patentsview:grant_month_${m.month}`);
}

/** The patent ids a correct run stores for a partition. */
export function expectedIds(sim: PatentsViewSimulator, partitionKey: string): string[] {
  return sim.truthIds(partitionKey.slice(partitionKey.indexOf('grant_month_') + 'grant_month_'.length));
}

export interface CapturedRequest {
  method: string;
  /** Path and query exactly as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A server that records each request and answers with the next canned response. */
export async function captureServer(
  answers: Array<{ status: number; headers?: Record<string, string>; body: string }>,
): Promise<{ baseUrl: string; requests: CapturedRequest[]; close(): Promise<void> }> {
  const requests: CapturedRequest[] = [];
  let next = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = answers[Math.min(next++, answers.length - 1)]!;
      res.writeHead(answer.status, { 'content-length': Buffer.byteLength(answer.body), ...answer.headers });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Core's Http for this source, with a throwaway in-memory store for the limiter. */
export async function testHttp(
  quota: Quota = FAIL_FAST_TEST_QUOTA,
  secrets: string[] = [],
): Promise<{ http: Http; dispose(): Promise<void> }> {
  const store = await memoryStore();
  const limiter = createLimiter({ sourceId: 'patentsview', quota, store });
  const http = createHttpClient({
    sourceId: 'patentsview',
    limiter,
    quota,
    secrets,
    classifyResponse: classifyPatentsViewResponse,
    random: () => 0.5,
  });
  return {
    http,
    async dispose() {
      await limiter.stop();
      await store.close();
    },
  };
}

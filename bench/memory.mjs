// Peak RSS of a 1,000,000-record run through the full engine. The API runs in this process and
// the engine in a child, so the child's peak is the engine's alone.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchApi } from './fake-api.mjs';

export const MEMORY_RUN = {
  partitions: 100,
  recordsPerPartition: 10_000,
  pageSize: 500,
  parallelPartitions: 4,
};

export async function benchMemory() {
  const cohorts = Array.from(
    { length: MEMORY_RUN.partitions },
    (_, i) => `batch_${String(i + 1).padStart(4, '0')}`,
  );
  const api = await startBenchApi({
    cohorts,
    perCohort: MEMORY_RUN.recordsPerPartition,
    pageSize: MEMORY_RUN.pageSize,
    cache: false,
  });
  const dir = await mkdtemp(join(tmpdir(), 'freshet-bench-memory-'));
  try {
    const child = spawn(process.execPath, [fileURLToPath(new URL('./memory-child.mjs', import.meta.url))], {
      env: { ...process.env, BENCH_API: api.baseUrl, BENCH_DIR: dir, BENCH_RUN: JSON.stringify(MEMORY_RUN) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`memory run exited with ${code}`);
    const figures = JSON.parse(out.trim().split('\n').at(-1));
    const peakMiB = Math.round(figures.maxRssKiB / 1024);
    return {
      name: 'memory',
      setup: MEMORY_RUN,
      records: figures.records,
      seconds: figures.seconds,
      peakRssMiB: peakMiB,
      target: '< 256 MiB',
      met: peakMiB < 256,
    };
  } finally {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  }
}

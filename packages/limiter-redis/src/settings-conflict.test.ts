import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { captureLogger, concurrencyProbe, eventually, quota, useTestBed } from './test-support.js';

const bed = useTestBed();

describe('processes whose quota for one source differs', () => {
  it('the latest to start wins for every process, and says so', async () => {
    const store = await bed.store();
    const older = await bed.limiter({ quota: quota({ maxConcurrent: 1 }), store });
    await older.schedule(async () => undefined); // its settings are in Redis now

    const logger = captureLogger();
    const newer = await bed.limiter({ quota: quota({ maxConcurrent: 3 }), store }, { logger });
    await newer.schedule(async () => undefined);
    await eventually(
      () => logger.lines.some((l) => l.message.startsWith('shared limiter settings replaced')),
      5000,
      'the replacement being logged',
    );
    const line = logger.lines.find((l) => l.message.startsWith('shared limiter settings replaced'));
    expect(line?.level).toBe('warn');
    expect(line?.fields).toMatchObject({ was: { maxConcurrent: 1 }, now: { maxConcurrent: 3 } });

    // The older process runs by the settings in Redis too: three at once.
    const probe = concurrencyProbe(() => delay(100));
    await Promise.all(Array.from({ length: 6 }, () => older.schedule(probe.task)));
    expect(probe.maxActive).toBe(3);
  });

  it('the same settings are taken as they are, and logged as ready', async () => {
    const store = await bed.store();
    await (await bed.limiter({ store })).schedule(async () => 1);
    const logger = captureLogger();
    await (await bed.limiter({ store }, { logger })).schedule(async () => 2);
    await eventually(() => logger.lines.some((l) => l.message === 'shared limiter ready'), 5000, 'ready');
    expect(logger.lines.some((l) => l.message.startsWith('shared limiter settings replaced'))).toBe(false);
  });
});

import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { Printer } from './io.js';
import { describeResult, type RunProgress } from './progress.js';

/**
 * Progress per source: one cli-progress bar per source on a terminal (partitions done, API
 * calls, the partition being worked on), and a plain line per finished partition otherwise.
 */
export function createSourceProgress(print: Printer): RunProgress {
  return print.io.stderr.isTTY === true ? sourceBars(print) : partitionLines(print);
}

function partitionLines(print: Printer): RunProgress {
  return {
    onEvent(event) {
      if (event.type === 'executor' && event.event.type === 'partition-end') {
        print.out(`  ${describeResult(event.event.result)}`);
      }
    },
    stop() {},
  };
}

type SourceBar = { bar: SingleBar; done: number; calls: Map<string, number>; current: string };

function sourceBars(print: Printer): RunProgress {
  const stream = print.io.stderr as unknown as NodeJS.WritableStream;
  let multibar: MultiBar | null = null;
  const bars = new Map<string, SourceBar>();
  const payload = (source: string, b: SourceBar) => ({
    source,
    calls: [...b.calls.values()].reduce((a, n) => a + n, 0),
    current: b.current || (b.done === b.bar.getTotal() ? 'done' : '-'),
  });
  const redraw = (source: string) => {
    const b = bars.get(source);
    b?.bar.update(b.done, payload(source, b));
  };

  return {
    onEvent(event) {
      if (event.type === 'plan') {
        const perSource = new Map<string, number>();
        for (const e of event.plan.entries) {
          if (e.action === 'run') perSource.set(e.source, (perSource.get(e.source) ?? 0) + 1);
        }
        if (perSource.size === 0) return;
        const width = Math.max(...[...perSource.keys()].map((s) => s.length));
        multibar = new MultiBar(
          {
            stream,
            format: ' {source} {bar} {value}/{total} partitions | {calls} calls | {current}',
            hideCursor: true,
            clearOnComplete: false,
            autopadding: true,
          },
          Presets.shades_classic,
        );
        for (const [source, total] of perSource) {
          const b: SourceBar = { bar: multibar.create(total, 0), done: 0, calls: new Map(), current: '' };
          bars.set(source.padEnd(width), b);
          b.bar.update(0, payload(source.padEnd(width), b));
        }
        return;
      }
      if (event.type !== 'executor') return;
      const e = event.event;
      const key = e.type === 'partition-end' ? e.result.partitionKey : e.partitionKey;
      const source = [...bars.keys()].find((s) => key.startsWith(`${s.trimEnd()}:`));
      const b = source === undefined ? undefined : bars.get(source);
      if (source === undefined || b === undefined) return;
      const cohort = key.slice(key.indexOf(':') + 1);
      if (e.type === 'partition-start') b.current = cohort;
      if (e.type === 'slice') {
        b.calls.set(key, e.counts.apiCalls);
        b.current = `${cohort} slice ${e.slice}`;
      }
      if (e.type === 'partition-end') {
        b.calls.set(key, e.result.counts.apiCalls);
        b.done += 1;
        if (b.current.startsWith(cohort)) b.current = '';
        if (e.result.outcome !== 'complete') multibar?.log(`${describeResult(e.result)}\n`);
      }
      redraw(source);
    },
    stop() {
      // MultiBar prints logged lines on its next redraw and drops them on stop: redraw first.
      multibar?.update();
      multibar?.stop();
    },
  };
}

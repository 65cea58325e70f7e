import type { ExecutorEvent, PartitionResult } from '@freshet/core';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { Plan } from '../planner/types.js';
import type { RunEvent } from '../runs/types.js';
import { formatMs, plural } from './format.js';
import type { Printer } from './io.js';

export interface RunProgress {
  onEvent(event: RunEvent): void;
  stop(): void;
}

/** A progress bar on a terminal, plain lines otherwise (logs, CI, pipes). */
export function createRunProgress(print: Printer): RunProgress {
  return print.io.stderr.isTTY === true ? barProgress(print) : lineProgress(print);
}

export function describePlan(plan: Plan): string {
  const { totals } = plan;
  return `plan: ${plural(totals.run, 'partition')} to run (~${totals.estimatedCalls} API calls), ${totals.deferred} deferred, ${totals.skipped} skipped`;
}

/** The sources the scope left out, and why: warnings on stderr (see `Plan['notes']`). */
export function printLeftOut(print: Printer, plan: Pick<Plan, 'notes'>): void {
  for (const note of plan.notes ?? []) print.err(`warning: ${note.source} ${note.message}`);
}

export function describeResult(result: PartitionResult): string {
  const c = result.counts;
  const what = `${plural(c.slices, 'slice')}, ${c.written} written, ${c.unchanged} unchanged, ${plural(c.apiCalls, 'call')}`;
  const took = formatMs(result.durationMs);
  switch (result.outcome) {
    case 'complete':
      return `done     ${result.partitionKey}  ${what}, ${took}${result.resumed ? ' (resumed)' : ''}`;
    case 'failed':
      return `FAILED   ${result.partitionKey}  ${result.error?.message ?? ''} (${what}; its cursor is kept)`;
    default:
      return `${result.outcome.padEnd(8)} ${result.partitionKey}${result.error ? `  ${result.error.message}` : ''}`;
  }
}

function lineProgress(print: Printer): RunProgress {
  return {
    onEvent(event) {
      if (event.type === 'run-created') print.out(`run ${event.runId} started`);
      else if (event.type === 'plan') {
        print.out(describePlan(event.plan));
        printLeftOut(print, event.plan);
      } else lineForExecutor(print, event.event);
    },
    stop() {},
  };
}

function lineForExecutor(print: Printer, event: ExecutorEvent): void {
  if (event.type === 'partition-start') {
    print.out(
      `start    ${event.partitionKey}${event.resumed ? ` (resuming, attempt ${event.attempt})` : ''}`,
    );
  } else if (event.type === 'partition-end') {
    print.out(describeResult(event.result));
  }
}

function barProgress(print: Printer): RunProgress {
  const stream = print.io.stderr as unknown as NodeJS.WritableStream;
  let multibar: MultiBar | null = null;
  let bar: SingleBar | null = null;
  let done = 0;
  const active = new Map<string, number>();
  const payload = () => ({ current: [...active.keys()].slice(0, 2).join(', ') || '-' });

  return {
    onEvent(event) {
      if (event.type === 'run-created') {
        print.err(`run ${event.runId} started`);
      } else if (event.type === 'plan') {
        print.err(describePlan(event.plan));
        printLeftOut(print, event.plan);
        if (event.plan.totals.run === 0) return;
        multibar = new MultiBar(
          {
            stream,
            format: ' {bar} {value}/{total} partitions | {current}',
            hideCursor: true,
            clearOnComplete: true,
          },
          Presets.shades_classic,
        );
        bar = multibar.create(event.plan.totals.run, 0, payload());
      } else {
        const e = event.event;
        if (e.type === 'partition-start') active.set(e.partitionKey, 0);
        if (e.type === 'slice') active.set(e.partitionKey, e.slice);
        if (e.type === 'partition-end') {
          active.delete(e.result.partitionKey);
          done += 1;
          multibar?.log(`${describeResult(e.result)}\n`);
        }
        bar?.update(done, payload());
      }
    },
    stop() {
      // MultiBar prints logged lines on its next redraw and drops them on stop: redraw first.
      multibar?.update();
      multibar?.stop();
    },
  };
}

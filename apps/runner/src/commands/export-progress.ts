import { SingleBar } from 'cli-progress';
import type { Printer } from './io.js';

export interface ExportProgress {
  update(exported: number): void;
  stop(): void;
}

/**
 * A live count with its rate on a terminal's stderr; nothing otherwise, so a pipe or a log
 * gets only the summary. The total is not known in advance (a filter decides it as it reads).
 */
export function createExportProgress(print: Printer): ExportProgress {
  if (print.io.stderr.isTTY !== true) return { update() {}, stop() {} };
  const bar = new SingleBar({
    stream: print.io.stderr as unknown as NodeJS.WritableStream,
    format: ' {value} records exported | {rate} records/s | {duration_formatted}',
    hideCursor: true,
    clearOnComplete: true,
  });
  const started = Date.now();
  bar.start(0, 0, { rate: 0 });
  return {
    update(exported) {
      const seconds = (Date.now() - started) / 1000;
      bar.update(exported, { rate: seconds > 0 ? Math.round(exported / seconds) : 0 });
    },
    stop() {
      bar.stop();
    },
  };
}

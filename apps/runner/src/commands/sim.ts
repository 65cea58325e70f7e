import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { simConfigSnippet } from '../simulators/config-snippet.js';
import { SIMULATOR_API_KEY } from '../simulators/keys.js';
import { rangesOf } from '../simulators/ranges.js';
import { simCounts, startCountsServer } from '../simulators/sim-counts.js';
import { type SimDatasetSizes, simProfile } from '../simulators/sim-profile.js';
import { type SimulatorSet, startSimulatorSet } from '../simulators/simulator-set.js';
import { type CommandContext, type GlobalOptions, printerFor } from './context.js';
import { ExitCodes } from './exit-codes.js';
import { table } from './format.js';
import { reportError } from './handle.js';
import type { Printer } from './io.js';
import { DEFAULT_SIM_PORT_BASE, DEFAULT_SIM_SEED } from './operation-defaults.js';

export interface SimFlags extends SimDatasetSizes {
  portBase?: number;
  seed?: number;
  /** Print the counts every this many seconds while they change (they always print at the end). */
  countsEvery?: number;
}

export { DEFAULT_SIM_PORT_BASE, DEFAULT_SIM_SEED };

/** Relative to the working directory, as the SAM.gov source reads `ueiFile`. */
const SIM_DATA_DIR = 'data/sim';

/**
 * `freshet sim`: the four API simulators on 127.0.0.1 with their default datasets and the
 * real APIs' rate limits, until Ctrl-C. Prints their URLs and a configuration that uses them.
 */
export async function simCommand(
  ctx: CommandContext,
  _globals: GlobalOptions,
  flags: SimFlags,
): Promise<number> {
  const print = printerFor(ctx);
  const seed = flags.seed ?? DEFAULT_SIM_SEED;
  const portBase = flags.portBase ?? DEFAULT_SIM_PORT_BASE;
  let sims: SimulatorSet | undefined;
  let counts: Awaited<ReturnType<typeof startCountsServer>> | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    sims = await startSimulatorSet(simProfile(seed, flags), portBase);
    counts = await startCountsServer(sims, portBase > 0 ? portBase + COUNTS_PORT_OFFSET : 0);
    const ueiFile = `${SIM_DATA_DIR}/sam_gov-ueis.txt`;
    await writeLines(join(ctx.cwd, ueiFile), sims.samGov.ueis());
    printSimulators(print, sims, seed, ueiFile, counts.url);
    const running = sims;
    if (flags.countsEvery !== undefined) {
      let last = '';
      timer = setInterval(() => {
        const lines = countLines(running);
        if (lines.join('\n') === last) return;
        last = lines.join('\n');
        for (const line of lines) print.err(line);
      }, flags.countsEvery * 1000);
    }
    await stopped(ctx.signals?.stop);
    print.err('simulators stopped; what they served:');
    for (const line of countLines(sims)) print.err(line);
    return ExitCodes.OK;
  } catch (err) {
    return reportError(print, err);
  } finally {
    if (timer) clearInterval(timer);
    await counts?.close();
    await sims?.close();
  }
}

/** After the four simulators' ports: nih n … patentsview n+3, the counts n+4. */
const COUNTS_PORT_OFFSET = 4;

function countLines(sims: SimulatorSet): string[] {
  const counts = simCounts(sims);
  return table([
    ['api', 'requests', '429s', 'violations', '2xx', '4xx', '5xx'],
    ...Object.entries(counts).map(([id, c]) => [
      id,
      String(c.requests),
      String(c.throttled),
      String(c.violations),
      String(c.status['2xx'] ?? 0),
      String(c.status['4xx'] ?? 0),
      String(c.status['5xx'] ?? 0),
    ]),
  ]);
}

function printSimulators(
  print: Printer,
  sims: SimulatorSet,
  seed: number,
  ueiFile: string,
  countsUrl: string,
): void {
  const ranges = rangesOf(sims);
  print.out(`API simulators on 127.0.0.1 (seed ${seed}); Ctrl-C stops them.`);
  for (const line of table([
    ['nih', sims.nih.baseUrl, `${sims.nih.size} projects, weeks ${ranges.nih}, 1 request/s per IP`],
    [
      'sam_gov',
      sims.samGov.baseUrl,
      `${sims.samGov.size} entities, key ${SIMULATOR_API_KEY}, ${sims.samGov.dailyLimit ?? 'unlimited'} requests/day per key`,
    ],
    [
      'usaspending',
      sims.usaspending.baseUrl,
      `${sims.usaspending.size} awards, fiscal years ${ranges.usaspending}, 120 requests/min per IP`,
    ],
    [
      'patentsview',
      sims.patentsview.baseUrl,
      `${sims.patentsview.size} patents, months ${ranges.patentsview}, key ${SIMULATOR_API_KEY}, 45 requests/min per key`,
    ],
  ])) {
    print.out(line);
  }
  print.out(`The SAM.gov simulator's UEIs are in ${ueiFile}.`);
  print.out(`Requests, 429s and violations per API: GET ${countsUrl} (JSON), and on stderr at Ctrl-C.`);
  print.out('');
  print.out(
    'A configuration that points every source at them (save it as e.g. config/freshet.sim.config.ts, then `freshet --config config/freshet.sim.config.ts run`):',
  );
  print.out('');
  print.out(
    simConfigSnippet({
      urls: {
        nih: sims.nih.baseUrl,
        samGov: sims.samGov.baseUrl,
        usaspending: sims.usaspending.baseUrl,
        patentsview: sims.patentsview.baseUrl,
      },
      ranges,
      apiKey: SIMULATOR_API_KEY,
      ueiFile,
      dataDir: SIM_DATA_DIR,
    }).trimEnd(),
  );
}

async function writeLines(path: string, lines: readonly string[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${lines.join('\n')}\n`);
}

/** Resolves when the signal fires; never without one (the process ends on Ctrl-C then). */
function stopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal === undefined) return;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

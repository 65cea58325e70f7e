import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { nextSlot } from '../simulators/companions.js';
import { simConfigSnippet } from '../simulators/config-snippet.js';
import { selectCompanions } from '../simulators/configured-companions.js';
import { simCounts, startCountsServer } from '../simulators/sim-counts.js';
import { type SimulatorSet, startSimulatorSet } from '../simulators/simulator-set.js';
import type { SizeSetting } from '../simulators/size-setting.js';
import { sizesBySource } from '../simulators/sizes.js';
import { type CommandContext, type GlobalOptions, printerFor } from './context.js';
import { ExitCodes } from './exit-codes.js';
import { table } from './format.js';
import { reportError } from './handle.js';
import type { Printer } from './io.js';
import { DEFAULT_SIM_PORT_BASE, DEFAULT_SIM_SEED } from './operation-defaults.js';

export interface SimFlags {
  portBase?: number;
  seed?: number;
  /** Dataset sizes, `--size nih.weeks=60`; each simulator's own default otherwise. */
  size?: SizeSetting[];
  /** Companion modules (package or path) whose simulators join the configured ones or replace theirs. */
  companion?: string[];
  /** Print the counts every this many seconds while they change (they always print at the end). */
  countsEvery?: number;
}

export { DEFAULT_SIM_PORT_BASE, DEFAULT_SIM_SEED };

/** Relative to the working directory, as sources read their input files (SAM.gov's `ueiFile`). */
const SIM_DATA_DIR = 'data/sim';

/**
 * `freshet sim`: a simulator per configured source (the first-party sources without a
 * configuration), through its companion, and per `--companion`, on 127.0.0.1 with its default
 * dataset and the real API's rate limit, until Ctrl-C. Prints their URLs and a configuration
 * that uses them.
 */
export async function simCommand(
  ctx: CommandContext,
  globals: GlobalOptions,
  flags: SimFlags,
): Promise<number> {
  const print = printerFor(ctx);
  const seed = flags.seed ?? DEFAULT_SIM_SEED;
  const portBase = flags.portBase ?? DEFAULT_SIM_PORT_BASE;
  let sims: SimulatorSet | undefined;
  let counts: Awaited<ReturnType<typeof startCountsServer>> | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const { companions, origin } = await selectCompanions(ctx, globals, print, flags.companion ?? []);
    const sizes = sizesBySource(flags.size ?? [], companions);
    sims = await startSimulatorSet(companions, { kind: 'sim', seed, sizes }, portBase);
    // The counts come after the simulators' ports: port base + the slot after the last.
    counts = await startCountsServer(sims, portBase > 0 ? portBase + nextSlot(companions) : 0);
    const files = await writeInputFiles(ctx.cwd, sims);
    printSimulators(print, sims, { seed, origin }, files, counts.url);
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

/** Input files per source id: the companion's file name and the path written, relative to cwd. */
type InputFiles = Map<string, Record<string, string>>;

/** Writes each companion's input files as `data/sim/<source>-<name>`. */
async function writeInputFiles(cwd: string, sims: SimulatorSet): Promise<InputFiles> {
  const written: InputFiles = new Map();
  for (const { sourceId, companion, simulator } of sims.entries) {
    const paths: Record<string, string> = {};
    for (const [name, lines] of Object.entries(companion.sim.files?.(simulator) ?? {})) {
      paths[name] = `${SIM_DATA_DIR}/${sourceId}-${name}`;
      await writeLines(join(cwd, paths[name]), lines);
    }
    written.set(sourceId, paths);
  }
  return written;
}

function printSimulators(
  print: Printer,
  sims: SimulatorSet,
  { seed, origin }: { seed: number; origin: string },
  files: InputFiles,
  countsUrl: string,
): void {
  print.out(`API simulators on 127.0.0.1 (seed ${seed}); Ctrl-C stops them.`);
  print.out(`Simulated: ${origin}.`);
  for (const line of table(
    sims.entries.map(({ sourceId, companion, simulator }) => [
      sourceId,
      simulator.baseUrl,
      companion.sim.describe(simulator),
    ]),
  )) {
    print.out(line);
  }
  for (const [sourceId, paths] of files) {
    for (const path of Object.values(paths)) print.out(`The ${sourceId} source reads ${path}.`);
  }
  print.out(`Requests, 429s and violations per API: GET ${countsUrl} (JSON), and on stderr at Ctrl-C.`);
  print.out('');
  print.out(
    'A configuration that points every source at them (save it as e.g. config/freshet.sim.config.ts, then `freshet --config config/freshet.sim.config.ts run`):',
  );
  print.out('');
  print.out(
    simConfigSnippet({
      sources: sims.entries.map(({ sourceId, companion, simulator }) => ({
        source: companion.source,
        options: companion.sim.options(simulator, files.get(sourceId) ?? {}),
        range: companion.range?.(simulator),
      })),
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

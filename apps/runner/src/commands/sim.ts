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
  /**
   * Print only the configuration on stdout (all else on stderr), to redirect it into a file:
   * `freshet sim --print-config > config/freshet.sim.config.ts`.
   */
  printConfig?: boolean;
}

export { DEFAULT_SIM_PORT_BASE, DEFAULT_SIM_SEED };

/**
 * Written under the working directory. The printed configuration names them relative to the
 * project root, which sources read their input files from (SAM.gov's `ueiFile`): saved as
 * SIM_CONFIG_FILE, it has the working directory as its project root.
 */
const SIM_DATA_DIR = 'data/sim';
/** Where the printed configuration is meant to be saved, relative to the working directory. */
export const SIM_CONFIG_FILE = 'config/freshet.sim.config.ts';

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
    printSimulators(print, sims, { seed, origin, configOnly: flags.printConfig === true }, files, counts.url);
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
  { seed, origin, configOnly }: { seed: number; origin: string; configOnly: boolean },
  files: InputFiles,
  countsUrl: string,
): void {
  // With --print-config, stdout is the configuration file and nothing else.
  const say = configOnly ? (line = '') => print.err(line) : (line = '') => print.out(line);
  say(`API simulators on 127.0.0.1 (seed ${seed}); Ctrl-C stops them.`);
  say(`Simulated: ${origin}.`);
  for (const line of table(
    sims.entries.map(({ sourceId, companion, simulator }) => [
      sourceId,
      simulator.baseUrl,
      companion.sim.describe(simulator),
    ]),
  )) {
    say(line);
  }
  for (const [sourceId, paths] of files) {
    for (const path of Object.values(paths)) say(`The ${sourceId} source reads ${path}.`);
  }
  say(`Requests, 429s and violations per API: GET ${countsUrl} (JSON), and on stderr at Ctrl-C.`);
  say();
  const config = simConfigSnippet({
    sources: sims.entries.map(({ sourceId, companion, simulator }) => ({
      source: companion.source,
      options: companion.sim.options(simulator, files.get(sourceId) ?? {}),
      range: companion.range?.(simulator),
    })),
    dataDir: SIM_DATA_DIR,
  }).trimEnd();
  if (configOnly) {
    say(`The configuration that uses them is on stdout; then: freshet --config ${SIM_CONFIG_FILE} run`);
    print.out(config);
    return;
  }
  // The configuration stands apart, after its own header: the lines after it are the file.
  say(
    `To use them, save the configuration below as ${SIM_CONFIG_FILE} (or write it with \`freshet sim --print-config > ${SIM_CONFIG_FILE}\`), then: freshet --config ${SIM_CONFIG_FILE} run`,
  );
  say();
  say(`==> ${SIM_CONFIG_FILE} <==`);
  say(config);
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

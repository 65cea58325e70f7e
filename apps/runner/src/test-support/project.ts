import type { ResolvedConfig } from '@freshet/core';
import { type NihSimulator, type NihSimulatorOptions, startNihSimulator } from '@freshet/testkit';
import { test } from 'vitest';
import type { CommandContext } from '../commands/context.js';
import { type CliResult, cli } from './cli.js';
import { type ManualClock, manualClock } from './clock.js';
import { testConfig } from './config.js';
import { nihLikeSource } from './nih-like-source.js';
import { type TempProject, tempProject } from './store.js';

export interface CliProject extends TempProject {
  config: ResolvedConfig;
  clock: ManualClock;
  /** `freshet <argv>` against this project's configuration and clock. */
  run(argv: string[], ctx?: Partial<CommandContext> & { tty?: boolean }): Promise<CliResult>;
}

/** A temp project whose configuration has the NIH-like source pointed at the simulator. */
export async function cliProject(sim: NihSimulator): Promise<CliProject> {
  const project = await tempProject();
  const clock = manualClock('2025-03-20T12:00:00Z');
  const config = await testConfig(project.dir, [{ source: nihLikeSource({ baseUrl: sim.baseUrl }) }]);
  const self: CliProject = {
    ...project,
    config,
    clock,
    run: (argv, ctx = {}) => cli(argv, { config: self.config, clock, cwd: project.dir, ...ctx }),
  };
  return self;
}

/**
 * `it` for CLI tests against the NIH simulator: the file shares one simulator started with
 * `simOptions`, and each test gets a fresh `project` (`async ({ project, sim }) => …`).
 */
export function cliTest(simOptions: NihSimulatorOptions) {
  return test.extend<{ sim: NihSimulator; project: CliProject }>({
    sim: [
      // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixtures a fixture uses from its first parameter
      async ({}, use) => {
        const sim = await startNihSimulator(simOptions);
        await use(sim);
        await sim.close();
      },
      { scope: 'file' },
    ],
    project: async ({ sim }, use) => {
      const project = await cliProject(sim);
      await use(project);
      await project.dispose();
    },
  });
}

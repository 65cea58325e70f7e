// The runner as a library: the CLI's program for embedders, and what the benchmarks drive
// (bench/*.mjs through bench/workspace.mjs `importRunner()`). The daemon, the web UI and the
// commands import the rest of src/ by module.
export type { CommandContext } from './commands/context.js';
export { allowConfigsToImportFreshet } from './config/workspace-imports.js';
export { type PlanOptions, plan } from './planner/plan.js';
export { EMPTY_SCOPE, type Plan, type RunScope } from './planner/types.js';
export { buildProgram, runCli } from './program.js';
export { createEngineSources, type EngineSources, type HttpOverrides } from './runs/engine-sources.js';

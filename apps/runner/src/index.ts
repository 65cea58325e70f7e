// The runner as a library: the daemon, the web UI and embedders drive these.
export { type AssetReport, type AssetStatus, reportAssetEvent } from './assets/report.js';
export type { CommandContext, GlobalOptions } from './commands/context.js';
export { type ExitCode, ExitCodes } from './commands/exit-codes.js';
export type { CliIo, OutputStream } from './commands/io.js';
export { allowConfigsToImportFreshet } from './config/workspace-imports.js';
export { acquireDaemonLease, DAEMON_LEASE_KEY, type DaemonLease } from './daemon/daemon-lease.js';
export { type DaemonLoopEnd, type DaemonLoopOptions, runDaemonLoop } from './daemon/daemon-loop.js';
export { type DaemonTickOptions, daemonTick, type TickReport } from './daemon/daemon-tick.js';
export { createRunLauncher, type LaunchRequest, type RunLauncher } from './daemon/run-launcher.js';
export {
  buildPlan,
  DEFAULT_ESTIMATED_CALLS,
  type PlanFacts,
  type PlanSourceFacts,
} from './planner/build-plan.js';
export { loadPlanFacts, type PlanOptions, plan } from './planner/plan.js';
export {
  parseExplicitScope,
  type ResolveScopeOptions,
  resolveScope,
  type ScopeProblem,
  type ScopeResolution,
} from './planner/scope.js';
export type {
  EstimateSource,
  Plan,
  PlanAction,
  PlanCheckpoint,
  PlanEntry,
  PlanReason,
  PlanSlaGap,
  PlanSourceQuota,
  RunScope,
} from './planner/types.js';
export { EMPTY_SCOPE } from './planner/types.js';
export { buildProgram, runCli } from './program.js';
export { createEngineSources, type EngineSources, type HttpOverrides } from './runs/engine-sources.js';
export { type ExecuteRunOptions, executeRun } from './runs/execute-run.js';
export { newRunId } from './runs/ids.js';
export { type Refusal, type RefusalCode, RefusalCodes } from './runs/refusals.js';
export { type RefusedRunInput, recordRefusedRun } from './runs/refused-run.js';
export { acquireRunLock, RUN_LOCK_KEY, type RunLock, runLockHolder } from './runs/run-lock.js';
export type { SlaGapClosed } from './runs/sla-gap-closed.js';
export type { PauseOverride, RunEvent, RunMetadata, RunSummary, RunTotals } from './runs/types.js';
export {
  decideScheduleTick,
  type ScheduleDecision,
  type ScheduleTickInputs,
  scheduleRunKey,
} from './schedule/decide.js';
export {
  LAST_TICK_META_KEY,
  type ScheduledRunRequest,
  type ScheduleTickOptions,
  type ScheduleTickResult,
  scheduleTick,
} from './schedule/schedule-tick.js';
export { createTicks, type ScheduleConfig, type Ticks } from './schedule/ticks.js';
export {
  evaluateSensor,
  markRequested,
  pendingRunRequest,
  type SensorEvaluation,
  sensorRunKey,
} from './sensor/evaluate.js';
export {
  refreshSensor,
  SENSOR_NAME,
  type SensorOptions,
  type SensorSnapshot,
  type SensorTickOptions,
  type SensorTickResult,
  tickSensor,
} from './sensor/sensor.js';
export type {
  AssetFailure,
  SensorInputs,
  SensorRunRequest,
  SensorState,
  SensorStatus,
  SensorTransitionInput,
} from './sensor/types.js';
export { DEFAULT_COMPANIONS, type LoadedCompanion, withCompanions } from './simulators/companions.js';
export { type SimulatorProfile, type SimulatorSet, startSimulatorSet } from './simulators/simulator-set.js';

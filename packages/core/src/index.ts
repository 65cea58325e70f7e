export type { Clock } from './clock.js';
export { systemClock } from './clock.js';
export { assetNameProblem } from './config/asset-name.js';
export type { EnvInterpolation } from './config/interpolate.js';
export type { LoadConfigOptions, LoadedConfig } from './config/load.js';
export { CONFIG_SEARCH_PLACES, loadConfig } from './config/load.js';
export type {
  ResolveConfigOptions,
  ResolvedConfig,
  ResolvedLimiter,
  ResolvedStore,
} from './config/resolve.js';
export { resolveConfig } from './config/resolve.js';
export type {
  FreshetConfig,
  ParsedConfig,
  PluginSourceEntry,
  QuotaOverrides,
  SourceEntry,
  WrappedSourceEntry,
} from './config/schema.js';
export { DEFAULT_CRON, defineConfig } from './config/schema.js';
export { redactedUrl, type ServicePlugin } from './config/services.js';
export type { ResolvedSource } from './config/sources.js';
export { escapeControlChars, quoteInput, truncateInput } from './echo-input.js';
export { engineSource, type HttpOverrides } from './engine/engine-source.js';
export { executePartitions } from './engine/executor.js';
export { waitOutOutages } from './engine/outage.js';
export { newRunId } from './engine/run-id.js';
export type { PartitionContext } from './engine/slice-protocol.js';
export { runPartition } from './engine/slice-protocol.js';
export type {
  EngineSource,
  ExecuteOptions,
  ExecutorEvent,
  PartitionOutcome,
  PartitionResult,
  PartitionWork,
  ProtocolHook,
  ProtocolHookContext,
  ProtocolStep,
} from './engine/types.js';
export { emptyCounts } from './engine/types.js';
export type { ErrorCode, FreshetErrorOptions } from './errors.js';
export {
  ErrorCodes,
  errorReason,
  errorText,
  FreshetError,
  isFreshetError,
  toFreshetError,
} from './errors.js';
export type { SlaGap, SlaGapQuery, SlaGapReason } from './freshness/sla-gaps.js';
export { byMostOverdue, listSlaGaps, slaGapsByPartition } from './freshness/sla-gaps.js';
export { parseRetryAfter } from './http/backoff.js';
export type { CreateHttpClientOptions } from './http/client.js';
export { createHttpClient } from './http/client.js';
export { warmUpHttp } from './http/default-agent.js';
export type { Redact } from './http/redact.js';
export { createRedactor, redactError, redactingLogger } from './http/redact.js';
export type {
  ClassifyResponse,
  Http,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  HttpStats,
  ResponseVerdict,
} from './http/types.js';
export type { Json } from './json.js';
export type { ReadChangesQuery } from './library/read-changes.js';
export { readChanges } from './library/read-changes.js';
export type { ReadRecordsQuery } from './library/read-records.js';
export { readRecords } from './library/read-records.js';
export { runSource } from './library/run-source.js';
export type {
  RunSourceOptions,
  RunSourceResult,
  RunSourceStatus,
  RunSourceTotals,
} from './library/run-source-types.js';
export type { Logger } from './logger.js';
export { silentLogger } from './logger.js';
export * from './notify/index.js';
export type {
  BatchCohortsOptions,
  CohortSchemes,
  IsoWeekCohortsOptions,
  MonthCohortsOptions,
  YearCohortsOptions,
} from './partitions/index.js';
export {
  batchCohorts,
  formatPartitionKey,
  isoWeekCohorts,
  monthCohorts,
  parsePartitionKey,
  parsePartitionWindow,
  yearCohorts,
} from './partitions/index.js';
export type { Cohort, CohortKind, CohortScheme, Partition, TimeWindow } from './partitions/types.js';
export { createDailyBudget, type DailyBudget } from './quota/daily-budget.js';
export { parseDuration } from './quota/duration.js';
export type { CreateLimiterOptions } from './quota/limiter.js';
export { createLimiter, memoryLimiterFactory } from './quota/limiter.js';
export type { Limiter, LimiterFactory, LimiterOptions, LimiterPluginModule } from './quota/limiter-types.js';
export type { PartialQuota } from './quota/quota-schema.js';
export type { Quota, RetryPolicy } from './quota/types.js';
export { nextUtcMidnight, utcDay } from './quota/utc-day.js';
export type { ResponseContext } from './schema-drift.js';
export { parseResponse } from './schema-drift.js';
export type {
  AnySource,
  ColumnType,
  ListPartitionsContext,
  SliceRequest,
  SliceResult,
  Source,
  SourceColumns,
} from './source.js';
export { defineSource } from './source.js';
export { parseSourceOptions, type SourceOptionsParsing } from './source-options.js';
export type { PartitionState, StateArtifact } from './state/artifact-schema.js';
export type { ArtifactStepHook, ArtifactWriteStep } from './state/atomic-write.js';
export { ARTIFACT_WRITE_STEPS } from './state/atomic-write.js';
export type { ArtifactRecovery, RecoverArtifactOptions } from './state/recover-artifact.js';
export { recoverStateArtifact } from './state/recover-artifact.js';
export type { ArtifactValidation, WriteArtifactOptions } from './state/state-artifact.js';
export { reconcileStateArtifact, validateStateArtifact, writeStateArtifact } from './state/state-artifact.js';
export type * from './store/freshness-summary.js';
export { DEFAULT_HISTORY_RETENTION } from './store/history-retention.js';
export { checkStoreFile, missingStoreMessage } from './store/store-file.js';
export type * from './store/types.js';

import {
  type AssetEvent,
  assetNameProblem,
  type Clock,
  ErrorCodes,
  FreshetError,
  quoteInput,
  type Store,
  systemClock,
} from '@freshet/core';

export type AssetStatus = AssetEvent['status'];

export interface AssetReport {
  asset: string;
  status: AssetStatus;
  message?: string | null;
}

/**
 * Records that an upstream asset (a bulk enrichment) succeeded or failed. The sensor reads
 * these events; call `refreshSensor` afterwards to see its new status at once.
 */
export async function reportAssetEvent(
  store: Store,
  report: AssetReport,
  clock: Clock = systemClock,
): Promise<AssetEvent> {
  // The configuration's rule: a name it refuses could never be watched, and the other way round.
  const problem = assetNameProblem(report.asset);
  if (problem !== null) throw new FreshetError(ErrorCodes.CONFIG_INVALID, problem);
  if (report.status !== 'success' && report.status !== 'failure') {
    throw new FreshetError(
      ErrorCodes.CONFIG_INVALID,
      `asset status ${quoteInput(report.status)} is not valid: use success or failure`,
    );
  }
  const message = report.message?.trim() ? report.message.trim() : null;
  return store.appendAssetEvent({ asset: report.asset, status: report.status, message, at: clock.now() });
}

import {
  type AssetEvent,
  type Clock,
  ErrorCodes,
  FreshetError,
  type Store,
  systemClock,
} from '@freshet/core';

export type AssetStatus = AssetEvent['status'];

export interface AssetReport {
  asset: string;
  status: AssetStatus;
  message?: string | null;
}

// Asset names show up in run keys, logs and the UI; keep them to one plain token.
const ASSET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,127}$/;

/**
 * Records that an upstream asset (a bulk enrichment) succeeded or failed. The sensor reads
 * these events; call `refreshSensor` afterwards to see its new status at once.
 */
export async function reportAssetEvent(
  store: Store,
  report: AssetReport,
  clock: Clock = systemClock,
): Promise<AssetEvent> {
  if (!ASSET_NAME.test(report.asset)) {
    throw new FreshetError(
      ErrorCodes.CONFIG_INVALID,
      `asset name ${JSON.stringify(report.asset)} is not valid: use letters, digits and _ . : / -, starting with a letter or digit, at most 128 characters (e.g. bulk_enrichment)`,
    );
  }
  if (report.status !== 'success' && report.status !== 'failure') {
    throw new FreshetError(
      ErrorCodes.CONFIG_INVALID,
      `asset status ${JSON.stringify(report.status)} is not valid: use success or failure`,
    );
  }
  const message = report.message?.trim() ? report.message.trim() : null;
  return store.appendAssetEvent({ asset: report.asset, status: report.status, message, at: clock.now() });
}

import { reportAssetEvent } from '../assets/report.js';
import { announceSensorChange } from '../notify/notification-service.js';
import { refreshSensor } from '../sensor/sensor.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { ExitCodes } from './exit-codes.js';
import { withProject } from './handle.js';

/** `freshet assets report <asset> --status success|failure [--message m]`. */
export function assetsReportCommand(
  ctx: CommandContext,
  globals: GlobalOptions,
  asset: string,
  flags: { status: 'success' | 'failure'; message?: string; json?: boolean },
): Promise<number> {
  return withProject(ctx, globals, async ({ store, config, clock, print, logger }) => {
    const upstreamAssets = config.sensor.upstreamAssets;
    const before = await refreshSensor({ store, upstreamAssets, clock });
    const event = await reportAssetEvent(
      store,
      { asset, status: flags.status, message: flags.message ?? null },
      clock,
    );
    const after = await refreshSensor({ store, upstreamAssets, clock });
    if (before.state.status !== after.state.status)
      await announceSensorChange({ store, config, clock, logger });
    const upstream = upstreamAssets.includes(asset);
    if (flags.json) {
      print.json({ event, upstream, sensor: { before: before.state.status, after: after.state } });
      return ExitCodes.OK;
    }
    print.out(
      `recorded ${asset} ${flags.status} (event #${event.id})${event.message ? `: ${event.message}` : ''}`,
    );
    if (!upstream) {
      print.err(
        `note: ${asset} is not one of the sensor's upstream assets (${upstreamAssets.join(', ') || 'none configured'}); the sensor ignores it. Add it to sensor.upstreamAssets in the configuration to make it count.`,
      );
    }
    const change =
      before.state.status === after.state.status
        ? `still ${after.state.status}`
        : `${before.state.status} -> ${after.state.status}`;
    print.out(`sensor: ${change} — ${after.state.reason}`);
    return ExitCodes.OK;
  });
}

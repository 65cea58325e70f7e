import { pendingRunRequest } from '../sensor/evaluate.js';
import { refreshSensor } from '../sensor/sensor.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { ExitCodes } from './exit-codes.js';
import { formatTime, table } from './format.js';
import { withProject } from './handle.js';

/** `freshet sensor status`: the status and why, each upstream asset's latest event, recent transitions. */
export function sensorStatusCommand(
  ctx: CommandContext,
  globals: GlobalOptions,
  flags: { json?: boolean },
): Promise<number> {
  return withProject(ctx, globals, async ({ store, config, clock, print }) => {
    const snapshot = await refreshSensor({ store, upstreamAssets: config.sensor.upstreamAssets, clock });
    const transitions = await store.listSensorTransitions(snapshot.name, 10);
    const latest = new Map(snapshot.inputs.latestEvents.map((e) => [e.asset, e]));
    const assets = config.sensor.upstreamAssets.map((asset) => {
      const event = latest.get(asset);
      return {
        asset,
        latest: event
          ? { id: event.id, status: event.status, message: event.message, at: event.at.toISOString() }
          : null,
      };
    });
    const pending = pendingRunRequest(snapshot.state, snapshot.inputs);
    if (flags.json) {
      print.json({ name: snapshot.name, ...snapshot.state, assets, pendingRun: pending, transitions });
      return ExitCodes.OK;
    }
    const { state } = snapshot;
    print.out(`sensor ${snapshot.name}: ${state.status} since ${formatTime(state.since)}`);
    print.out(`  ${state.reason}`);
    if (assets.length > 0) {
      print.out('upstream assets:');
      for (const line of table(
        assets.map((a) => [
          a.asset,
          a.latest ? a.latest.status : 'no event yet',
          a.latest ? `#${a.latest.id} at ${formatTime(a.latest.at)}` : '',
          a.latest?.message ?? '',
        ]),
      )) {
        print.out(line);
      }
    }
    if (pending) print.out(`a run is due for the newest upstream success (run key ${pending.runKey})`);
    if (transitions.length > 0) {
      print.out('recent transitions:');
      for (const line of table(
        transitions.map((t) => [formatTime(t.at), `${t.from ?? '(new)'} -> ${t.to}`, t.reason ?? '']),
      )) {
        print.out(line);
      }
    }
    return ExitCodes.OK;
  });
}

import { html } from 'hono/html';
import type { AssetsView } from '../../views/assets.js';
import { layout } from './layout.js';
import type { Html } from './markup.js';
import { badge, table, time } from './parts.js';

/** Upstream assets: the latest event of each, the event log, and the sensor's transitions. */
export function assetsPage(view: AssetsView): Html {
  const latestByAsset = new Map(view.latest.map((e) => [e.asset, e]));
  const watched = new Set(view.upstreamAssets);
  const names = [...new Set([...view.upstreamAssets, ...view.latest.map((e) => e.asset)])];
  const body = html`
<h1>Upstream assets</h1>
<div class="card" id="sensor" data-status="${view.sensor.status}">
  <p>sensor ${badge(view.sensor.status)} <span class="muted">since ${time(view.sensor.since)}</span></p>
  <p class="reason">${view.sensor.reason}</p>
  ${view.sensor.waitingFor.length > 0 ? html`<p>waiting for: ${view.sensor.waitingFor.join(', ')}</p>` : ''}
</div>
<h2>Latest per asset</h2>
${table(
  ['asset', 'watched', 'latest', 'at', 'message'],
  names.map((name) => {
    const e = latestByAsset.get(name);
    return [
      html`<span class="mono">${name}</span>`,
      watched.has(name) ? 'yes' : html`<span class="muted">no</span>`,
      e ? badge(e.status) : html`<span class="muted">no event yet</span>`,
      e ? time(e.at) : '',
      e?.message ?? '',
    ];
  }),
  'no upstream assets are configured or reported',
)}
<h2>Events <span class="muted">(newest first)</span></h2>
<div id="asset-events">
${table(
  ['#', 'asset', 'status', 'at', 'message'],
  view.events.map((e) => [
    e.id,
    html`<span class="mono">${e.asset}</span>`,
    badge(e.status),
    time(e.at),
    e.message ?? '',
  ]),
  'no events yet: report one with `freshet assets report <asset> --status success`',
)}
</div>
<h2>Sensor transitions</h2>
${table(
  ['at', 'from', 'to', 'reason'],
  view.transitions.map((t) => [time(t.at), t.from ?? '-', t.to, t.reason ?? '']),
  'none yet',
)}
`;
  return layout({ title: 'Assets', active: '/assets', body });
}

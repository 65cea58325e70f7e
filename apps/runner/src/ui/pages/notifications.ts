import { html } from 'hono/html';
import type { NotificationsView } from '../notifications-view.js';
import { layout } from './layout.js';
import type { Html } from './markup.js';
import { badge, table, time } from './parts.js';

/** Webhook targets and recent deliveries: state, attempts, the last error. */
export function notificationsPage(view: NotificationsView): Html {
  const body = html`
<h1>Notifications</h1>
<h2>Targets</h2>
${table(
  ['name', 'url', 'events'],
  view.targets.map((t) => [
    html`<span class="mono">${t.name}</span>`,
    html`<span class="mono">${t.url}</span>`,
    t.events.join(', '),
  ]),
  'no webhook targets: add `notify: [{ url, events, secret }]` to the configuration',
)}
<h2>Deliveries <span class="muted">(newest first)</span></h2>
<div id="deliveries">
${table(
  ['created', 'event', 'target', 'state', 'attempts', 'next attempt', 'last error', 'message'],
  view.deliveries.map((d) => [
    time(d.createdAt),
    html`<span class="mono">${d.event}</span>`,
    d.target,
    badge(d.state === 'delivered' ? 'succeeded' : d.state === 'pending' ? 'waiting' : 'failed', d.state),
    d.attempts,
    d.nextAttemptAt === null ? '' : time(d.nextAttemptAt),
    d.lastError ?? '',
    d.text,
  ]),
  'nothing sent yet',
)}
</div>
`;
  return layout({ title: 'Notifications', active: '/notifications', body });
}

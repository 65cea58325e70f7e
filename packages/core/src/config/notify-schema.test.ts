import { describe, expect, it } from 'vitest';
import { isFreshetError } from '../errors.js';
import { NOTIFY_EVENTS } from '../notify/events.js';
import { resolveConfig } from './resolve.js';

const SECRET = 'whsec_super_secret_value_1';
const resolve = (notify: unknown) =>
  resolveConfig(
    { notify },
    { filepath: '/project/freshet.config.ts', env: {}, fileLabel: 'freshet.config.ts' },
  );

describe('notify config', () => {
  it('takes "*" for every event, names a target after its host, and redacts its secret and URL password', async () => {
    const config = await resolve([
      { url: 'https://user:pw-1234@hooks.example.com/x', events: '*', secret: SECRET },
    ]);
    const [target] = config.notify;
    expect([...(target?.events ?? [])]).toEqual([...NOTIFY_EVENTS]);
    expect(target?.name).toMatch(/^hooks\.example\.com-[0-9a-f]{8}$/);
    expect(target?.timeoutMs).toBe(10_000);
    expect(config.serviceSecrets).toEqual(expect.arrayContaining([SECRET, 'pw-1234']));
  });

  it('names an unknown event and lists the valid ones', async () => {
    const err = await resolve([{ url: 'https://h.example/x', events: ['run.finish'], secret: SECRET }]).catch(
      (e) => e,
    );
    expect(isFreshetError(err, 'CONFIG_INVALID')).toBe(true);
    expect(err.message).toContain('notify[0].events[0]');
    expect(err.message).toContain('"run.finish"');
    expect(err.message).toContain('sla_gap.opened');
  });

  it('refuses a short secret without echoing it, a non-http URL, and two targets of one name', async () => {
    const short = await resolve([{ url: 'https://h.example/x', events: '*', secret: 'short-secret' }]).catch(
      (e) => e,
    );
    expect(short.message).toContain('notify[0].secret');
    expect(short.message).not.toContain('short-secret');
    const ftp = await resolve([{ url: 'ftp://h.example/x', events: '*', secret: SECRET }]).catch((e) => e);
    expect(ftp.message).toContain('notify[0].url');
    const twice = await resolve([
      { name: 'ops', url: 'https://a.example/x', events: '*', secret: SECRET },
      { name: 'ops', url: 'https://b.example/x', events: '*', secret: SECRET },
    ]).catch((e) => e);
    expect(twice.message).toContain('notify[1].name');
  });
});

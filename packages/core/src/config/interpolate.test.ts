// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests write ${VAR} references on purpose.
import { describe, expect, it } from 'vitest';
import { interpolateEnv } from './interpolate.js';
import { formatKeyPath } from './key-path.js';

describe('interpolateEnv', () => {
  it('replaces ${VAR} in every string, nested in objects and lists, and leaves keys and other values alone', () => {
    const { value, issues, fromEnv } = interpolateEnv(
      { '${KEY}': 'x', sources: [{ options: { apiKey: '${API_KEY}', base: 'https://${HOST}/v1', n: 3 } }] },
      { API_KEY: 'k-123', HOST: 'api.example.gov', KEY: 'nope' },
    );
    expect(issues).toEqual([]);
    expect(value).toEqual({
      '${KEY}': 'x',
      sources: [{ options: { apiKey: 'k-123', base: 'https://api.example.gov/v1', n: 3 } }],
    });
    expect(fromEnv.get('sources[0].options.apiKey')).toEqual(['API_KEY']);
    expect(fromEnv.get('sources[0].options.base')).toEqual(['HOST']);
  });

  it('uses the default when the variable is unset or empty, and the value when it is set', () => {
    const { value, issues, secrets } = interpolateEnv(
      { a: '${UNSET:-7d}', b: '${EMPTY:-fallback}', c: '${SET:-unused}', d: '${UNSET:-}' },
      { EMPTY: '', SET: 'from-env' },
    );
    expect(issues).toEqual([]);
    expect(value).toEqual({ a: '7d', b: 'fallback', c: 'from-env', d: '' });
    expect(secrets).toEqual(['from-env']);
  });

  it('keeps $${VAR} as a literal ${VAR}', () => {
    expect(interpolateEnv({ a: 'cost: $${PRICE}' }, { PRICE: '3' }).value).toEqual({ a: 'cost: ${PRICE}' });
  });

  it('names each missing variable and the key path that uses it', () => {
    const { issues } = interpolateEnv(
      { sources: [{ options: { apiKey: '${SAM_GOV_API_KEY}' } }], schedule: { timezone: '${TZ_A}/${TZ_B}' } },
      {},
    );
    expect(issues.map((issue) => `${formatKeyPath(issue.path)} ${issue.message}`)).toEqual([
      'sources[0].options.apiKey uses ${SAM_GOV_API_KEY}, which is not set; export it or give a default with ${SAM_GOV_API_KEY:-…}',
      'schedule.timezone uses ${TZ_A}, which is not set; export it or give a default with ${TZ_A:-…}',
      'schedule.timezone uses ${TZ_B}, which is not set; export it or give a default with ${TZ_B:-…}',
    ]);
  });

  it('leaves text that only looks like a reference untouched', () => {
    const { value, issues } = interpolateEnv({ a: '${lower-case} ${ unclosed $HOME' }, {});
    expect(issues).toEqual([]);
    expect(value).toEqual({ a: '${lower-case} ${ unclosed $HOME' });
  });
});

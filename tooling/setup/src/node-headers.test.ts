import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeHeadersPrefix, withNodeHeaders } from './node-headers.mjs';

const prefixes: string[] = [];
afterEach(() => {
  for (const prefix of prefixes.splice(0)) rmSync(prefix, { recursive: true, force: true });
});

function nodeInstall({ headers }: { headers: boolean }): string {
  const prefix = mkdtempSync(join(tmpdir(), 'freshet-node-'));
  prefixes.push(prefix);
  mkdirSync(join(prefix, 'bin'));
  if (headers) {
    mkdirSync(join(prefix, 'include', 'node'), { recursive: true });
    writeFileSync(join(prefix, 'include', 'node', 'node_api.h'), '');
  }
  return join(prefix, 'bin', 'node');
}

describe("Node's headers for the native SQLite build", () => {
  it('sets npm_config_nodedir to the prefix of the running node when its headers sit beside it', () => {
    const execPath = nodeInstall({ headers: true });
    const prefix = join(execPath, '..', '..');
    expect(nodeHeadersPrefix(execPath)).toBe(prefix);
    expect(withNodeHeaders({ PATH: '/bin' }, execPath)).toEqual({
      env: { PATH: '/bin', npm_config_nodedir: prefix },
    });
  });

  it('keeps a nodedir the user chose', () => {
    const execPath = nodeInstall({ headers: true });
    expect(withNodeHeaders({ npm_config_nodedir: '/opt/node' }, execPath).env.npm_config_nodedir).toBe(
      '/opt/node',
    );
  });

  it('says where it looked and what to set when the headers are missing', () => {
    const execPath = nodeInstall({ headers: false });
    const { env, notice } = withNodeHeaders({}, execPath);
    expect(env.npm_config_nodedir).toBeUndefined();
    expect(notice).toContain(join(execPath, '..', '..', 'include', 'node'));
    expect(notice).toContain('set npm_config_nodedir to the folder holding include/node');
  });
});

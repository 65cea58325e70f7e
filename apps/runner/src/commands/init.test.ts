import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@freshet/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../test-support/cli.js';

let temp: string;
const savedEnv = { ...process.env };

beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'freshet-init-'));
});
afterEach(async () => {
  // The written config loads its .env into process.env, as it does in the CLI.
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
  await rm(temp, { recursive: true, force: true });
});

const sourceIds = async (cwd: string) =>
  (await loadConfig({ cwd, env: {} })).config.sources.map((s) => [s.source.id, s.enabled]);

describe('freshet init', () => {
  it('writes a config for the four sources, a .env and data/, and says what to do next', async () => {
    const result = await cli(['init', 'project'], { cwd: temp });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Wrote project/freshet.config.ts, project/.env, project/data/ for usaspending, sam_gov, nih, patentsview.',
    );
    expect(result.stdout).toContain('cd project && freshet run');
    expect(existsSync(join(temp, 'project', 'data'))).toBe(true);
    const env = await readFile(join(temp, 'project', '.env'), 'utf8');
    expect(env).toMatch(/^SAM_GOV_API_KEY=$/m);
    expect(env).toMatch(/^PATENTSVIEW_API_KEY=$/m);
    expect(env).toContain('# NIH_BASE_URL=http://127.0.0.1:7400');
    expect(env).toContain('# PATENTSVIEW_BASE_URL=http://127.0.0.1:7403');
  });

  it('writes a config whose paths are relative to it, wherever freshet runs from', async () => {
    await cli(['init', 'project'], { cwd: temp });
    const { config, filepath } = await loadConfig({
      cwd: tmpdir(),
      configPath: join(temp, 'project', 'freshet.config.ts'),
    });
    expect(filepath).toBe(join(temp, 'project', 'freshet.config.ts'));
    expect(config.store).toMatchObject({
      kind: 'sqlite',
      path: join(temp, 'project', 'data', 'freshet.sqlite'),
    });
    expect(config.state.path).toBe(join(temp, 'project', 'data', 'state', 'enrichment_refresh_state.json'));
  });

  it('reads the keys from the .env beside the config: SAM.gov and PatentsView are enabled once set', async () => {
    await cli(['init'], { cwd: temp });
    delete process.env.SAM_GOV_API_KEY;
    delete process.env.PATENTSVIEW_API_KEY;
    expect(await sourceIds(temp)).toEqual([
      ['usaspending', true],
      ['sam_gov', false],
      ['nih', true],
      ['patentsview', false],
    ]);
    const envFile = join(temp, '.env');
    const env = await readFile(envFile, 'utf8');
    await writeFile(
      envFile,
      env
        .replace(/^SAM_GOV_API_KEY=$/m, 'SAM_GOV_API_KEY=sam-key-1')
        .replace(/^PATENTSVIEW_API_KEY=$/m, 'PATENTSVIEW_API_KEY=pv-key-1'),
    );
    delete process.env.SAM_GOV_API_KEY;
    delete process.env.PATENTSVIEW_API_KEY;
    expect(await sourceIds(temp)).toEqual([
      ['usaspending', true],
      ['sam_gov', true],
      ['nih', true],
      ['patentsview', true],
    ]);
  });

  it('configures only the chosen sources; SAM.gov without USAspending reads a UEI file beside it', async () => {
    const result = await cli(['init', '--sources', 'sam_gov', '--sources', 'nih'], { cwd: temp });
    expect(result.code).toBe(0);
    const config = await readFile(join(temp, 'freshet.config.ts'), 'utf8');
    expect(config).not.toContain('usaspending');
    expect(config).toContain("ueiFile: 'data/ueis.txt'");
    expect(await readFile(join(temp, 'data', 'ueis.txt'), 'utf8')).toMatch(/^# The UEIs/);
    expect(await readFile(join(temp, '.env'), 'utf8')).not.toContain('PATENTSVIEW');
  });

  it('refuses a source it does not know, naming it and the ones it knows', async () => {
    const result = await cli(['init', '--sources', 'nih,sam-gov,sbir'], { cwd: temp });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: --sources names "sam-gov" (did you mean sam_gov?), "sbir", which init does not know; it configures usaspending, sam_gov, nih, patentsview (add another source to the written config by hand: docs/writing-a-source.md)\n',
    );
    expect(existsSync(join(temp, 'freshet.config.ts'))).toBe(false);
  });

  it('replaces no file unless --force, naming the ones that exist', async () => {
    await writeFile(join(temp, '.env'), 'MINE=1\n');
    const refused = await cli(['init'], { cwd: temp });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'error: .env already exists; init replaces nothing: move it away, or pass --force to replace it\n',
    );
    expect(existsSync(join(temp, 'freshet.config.ts'))).toBe(false);
    expect(await readFile(join(temp, '.env'), 'utf8')).toBe('MINE=1\n');

    const forced = await cli(['init', '--force'], { cwd: temp });
    expect(forced.code).toBe(0);
    expect(await readFile(join(temp, '.env'), 'utf8')).toContain('SAM_GOV_API_KEY=');
  });

  it('refuses when a config in config/ would be found before the new one', async () => {
    await cli(['init', 'config'], { cwd: temp });
    const result = await cli(['init'], { cwd: temp });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('config/freshet.config.ts would be found before freshet.config.ts');
  });
});

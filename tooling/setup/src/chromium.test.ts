import { describe, expect, it } from 'vitest';
import { chromiumStep } from './chromium.mjs';

const missing = '/nonexistent/chromium';

describe('the Chromium step', () => {
  it('does nothing when Chromium is there', () => {
    expect(chromiumStep({ chromium: process.execPath, isRoot: false, hasAptGet: false })).toEqual({
      action: 'none',
    });
  });

  it('installs with apt-get only as root on a machine that has it', () => {
    expect(chromiumStep({ chromium: missing, isRoot: true, hasAptGet: true })).toEqual({ action: 'install' });
  });

  it('names the command otherwise, and says the browser tests will be skipped', () => {
    const notRoot = chromiumStep({ chromium: missing, isRoot: false, hasAptGet: true });
    expect(notRoot).toEqual({
      action: 'notice',
      message: expect.stringContaining('install it with: sudo apt-get install -y chromium'),
    });
    const noApt = chromiumStep({ chromium: missing, isRoot: true, hasAptGet: false });
    expect(noApt).toEqual({
      action: 'notice',
      message: expect.stringContaining(`so that it runs as ${missing}`),
    });
    expect(noApt.action === 'notice' && noApt.message).toContain('browser tests will be skipped');
  });
});

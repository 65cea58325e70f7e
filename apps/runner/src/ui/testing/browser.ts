import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); playwright never downloads a browser here. */
export const CHROMIUM = '/usr/bin/chromium';

export const hasChromium = (): boolean => existsSync(CHROMIUM);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../../..');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'docs', 'screenshots');

/**
 * Saves `docs/screenshots/<name>.png` when FRESHET_UI_SCREENSHOTS=1 (`pnpm --filter
 * @freshet/runner screenshots`); plain test runs leave the committed pictures alone.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.FRESHET_UI_SCREENSHOTS !== '1') return;
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * Debian's Chromium for the browser tests, driven by playwright-core (never a downloaded browser):
 * where it is, whether the suite runs (skipped without it, except in CI where it must be there),
 * axe-core's builder, and a fresh headless context with its own profile.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from '@jest/globals';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import * as axeModule from '@axe-core/playwright';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CI = process.env.CI === 'true' || process.env.CI === '1';
export const SHOTS = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));

type AxeBuilderType = typeof import('@axe-core/playwright').default;
/** The module is CommonJS under ESM: its default export arrives one level deeper or not. */
export const AxeBuilder: AxeBuilderType =
  (
    (axeModule as unknown as { default: AxeBuilderType | { default: AxeBuilderType } }).default as {
      default?: AxeBuilderType;
    }
  ).default ?? (axeModule as unknown as { default: AxeBuilderType }).default;

const available = existsSync(CHROMIUM);
if (!available && !CI) {
  console.warn(`Browser tests SKIPPED: ${CHROMIUM} not found (apt-get install -y chromium). In CI they are mandatory.`);
}
/** describe, or describe.skip without Chromium outside CI. */
export const browserSuite = available || CI ? describe : describe.skip;

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A headless Chromium at 1366×768 in zh-CN, with a profile of its own that close() removes. */
export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'luoshi-chromium-'));
  mkdirSync(SHOTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
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
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

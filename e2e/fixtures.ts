import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { db } from '@/lib/db/client';
import { recordResponse } from '../tests/support/artifacts';
import { createTestUser, randomIp, type TestUser } from '../tests/support/users';

export { expect };

interface Fixtures {
  /** A fresh customer for this test only. */
  customer: TestUser;
  /** Content-Security-Policy violations any watched page reported; the test fails if any. */
  cspViolations: string[];
  /**
   * Opens a page in a new browser context: another browser, with its own
   * cookies and its own client address. Watched for CSP violations and
   * console errors like `page`, and closed after the test.
   */
  openBrowser: (ip?: string) => Promise<Page>;
  /**
   * Console errors the tests of a describe block expect, set with
   * `test.use({ allowedConsoleErrors: [...] })`; one test adds its own with `allowConsoleErrors()`.
   */
  allowedConsoleErrors: RegExp[];
  /** Console errors and uncaught exceptions of the watched pages; any not allowed fails the test. */
  consoleErrors: string[];
}

/** Reports CSP violations into `violations` and records the page's HTML and RSC payloads. */
function watch(page: Page, violations: string[]): void {
  page.on('console', (msg) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) {
      violations.push(`${page.url()}: ${msg.text()}`);
    }
  });
  page.on('response', async (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (!/text\/html|text\/x-component|application\/json/.test(type)) return;
    if (/\/api\/auth\/callback/.test(response.url())) return;
    try {
      recordResponse(`e2e ${response.url()}`, await response.text());
    } catch {
      // bodies of redirects and aborted navigations are not available
    }
  });
}

const ALLOWED_CONSOLE_ERROR = 'allowed-console-error';

/** The line Chromium logs when NextAuth refuses a sign-in: its callback answers 401. */
export const REFUSED_SIGN_IN =
  /status of 401 \(Unauthorized\) \(at \S+\/api\/auth\/callback\/credentials:1\)/;

/**
 * Lets the running test log console errors that match one of `patterns`, recorded as annotations
 * so the report shows what was allowed. A pattern is matched against the recorded line:
 * `<page URL>: console.error: <text> (at <source>:<line>)` or `<page URL>: uncaught <stack>`.
 */
export function allowConsoleErrors(...patterns: RegExp[]): void {
  for (const pattern of patterns) {
    test.info().annotations.push({ type: ALLOWED_CONSOLE_ERROR, description: pattern.source });
  }
}

/** Records the page's `console.error` lines and uncaught exceptions into `errors`. */
function watchConsole(page: Page, errors: string[]): void {
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const { url, lineNumber } = msg.location();
    const at = url ? ` (at ${url}:${lineNumber + 1})` : '';
    errors.push(`${page.url()}: console.error: ${msg.text()}${at}`);
  });
  page.on('pageerror', (error) => {
    errors.push(`${page.url()}: uncaught ${error.stack || String(error)}`);
  });
}

/**
 * Every test gets its own client address (the test server trusts one proxy
 * hop) so sign-in limits of parallel tests never collide, fails on any CSP
 * violation and on any console error or uncaught exception it does not
 * allow, and records the HTML and server-component payloads it received
 * for the leak scan.
 */
export const test = base.extend<Fixtures>({
  customer: async ({}, use) => {
    await use(await createTestUser());
  },
  extraHTTPHeaders: async ({}, use) => {
    await use({ 'X-Forwarded-For': randomIp() });
  },
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      watch(page, violations);
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  allowedConsoleErrors: [[], { option: true }],
  consoleErrors: async ({ allowedConsoleErrors }, use, testInfo) => {
    const errors: string[] = [];
    await use(errors);
    const allowed = [
      ...allowedConsoleErrors,
      ...testInfo.annotations
        .filter((a) => a.type === ALLOWED_CONSOLE_ERROR && a.description)
        .map((a) => new RegExp(a.description ?? '')),
    ];
    // Runs after the pages that report into it are done (they depend on it), so late errors count.
    const unexpected = errors.filter((e) => !allowed.some((re) => e.search(re) !== -1));
    expect(unexpected, 'console errors and uncaught exceptions').toEqual([]);
  },
  page: async ({ page, consoleErrors }, use) => {
    watchConsole(page, consoleErrors);
    await use(page);
  },
  openBrowser: async ({ browser, cspViolations, consoleErrors }, use) => {
    const contexts: Awaited<ReturnType<Browser['newContext']>>[] = [];
    await use(async (ip = randomIp()) => {
      // Inherits the project's options (baseURL, colour scheme, viewport); only the address differs.
      const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': ip } });
      contexts.push(context);
      const page = await context.newPage();
      watch(page, cspViolations);
      watchConsole(page, consoleErrors);
      return page;
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens /login, signs in and waits until the portal (or the forced password change) has loaded. */
export async function signInFresh(
  page: Page,
  user: TestUser,
  landing: RegExp = /\/dashboard$/,
): Promise<void> {
  await page.goto('/login');
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(landing);
}

/** A link of the portal's main navigation (the desktop header's), by its exact name. */
export function navLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

/** The page shows the sign-in form and none of the portal. */
export async function expectSignedOut(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole('heading', { name: 'Sign in to your portal' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
}

/** Follows the account pages' Security tab and waits until the security page shows. */
export async function openSecurityTab(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Account' })
    .getByRole('link', { name: 'Security' })
    .click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByRole('heading', { name: 'Account security' })).toBeVisible();
}

/** The form's own message (Next's route announcer is an alert too, outside <main>). */
export function formAlert(page: Page) {
  return page.getByRole('main').getByRole('alert');
}

/** The portal header's sign-out button (the session list has its own "Sign out" for this device). */
export function signOutButton(page: Page) {
  return page.getByRole('banner').getByRole('button', { name: 'Sign out' });
}

/**
 * Opens the phone-width menu. A tap that lands before React has hydrated the
 * header does nothing, so tap again until the menu is open (never toggling it shut).
 */
export async function openMobileMenu(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(async () => {
    const open = page.getByRole('button', { name: 'Open menu' });
    if (await open.isVisible()) await open.click();
    await expect(nav).toBeVisible({ timeout: 1_000 });
  }).toPass();
  return nav;
}

/** The path and query of the page's URL, e.g. `/login?callbackUrl=%2Fcontracts`. */
export function pathOf(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

/** The user's browser sessions that are still live, as the database has them. */
export async function liveSessions(userId: number) {
  return db.session.findMany({
    where: { userId, revokedAt: null },
    select: { id: true, ip: true, surface: true },
  });
}

/** The user's revoked sessions with the recorded reason. */
export async function revokedSessions(userId: number) {
  return db.session.findMany({
    where: { userId, revokedAt: { not: null } },
    select: { id: true, ip: true, revokedReason: true },
  });
}

/** Saves a full-page screenshot to test-results/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(test.info().project.outputDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export function uniqueTag(): string {
  return randomBytes(4).toString('hex');
}

/**
 * The page's HTML as soon as it can be read. Right after a history step the page may still be
 * navigating (a client-side redirect to the sign-in page), and `page.content()` then throws; each
 * retry reads whatever the page shows at that moment, so remembered data would still be caught.
 */
export async function currentContent(page: Page, timeoutMs = 5_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await page.content();
    } catch (error) {
      const navigating = error instanceof Error && /navigating/i.test(error.message);
      if (!navigating || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/**
 * Waits until Swagger UI on /api-docs lists the operation at `path`. It renders the operations
 * only once it has resolved the whole document (80-odd operations): seconds on a busy 2-core
 * machine, so the wait is longer than an ordinary expectation's.
 */
export async function expectApiOperation(page: Page, path: string): Promise<void> {
  await expect(page.getByText(path, { exact: true }).first()).toBeVisible({ timeout: 30_000 });
}

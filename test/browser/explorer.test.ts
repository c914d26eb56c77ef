/**
 * The explorer in a real browser (Debian's chromium through playwright-core), against the demo's
 * three emulators and a watched gateway, all on loopback. One page goes through the steps a
 * person would take; screenshots land in test-artifacts/explorer/.
 */
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import type { Demo } from '../../src/demo/start';
import { EXPLORER_CSP } from '../../src/explorer/routes';
import { artifactPath, assertExplorerBuilt, launchChromium } from '../helpers/browser';
import {
  startWatchDemo,
  startWatchedGateway,
  tempStateDir,
  until,
  untilPolled,
  WATCH_KEY,
  type WatchedGateway,
} from '../helpers/watch';

jest.setTimeout(60_000);

const SOURCES = ['scene7-demo', 'bc-demo', 'losant-demo'] as const;
const PAGE_SIZE = 50;

const state = tempStateDir();
let demo: Demo;
let gateway: WatchedGateway;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const requested: string[] = [];
const violations: string[] = [];

const rows = () => page.locator('table.job-list tbody tr');
/** The DOM of a row or <time> as these tests read it (the tests are typed without the DOM library). */
interface Attributed {
  getAttribute(name: string): string | null;
}
const rowAttrs = (name: string): Promise<string[]> =>
  rows().evaluateAll(
    (trs: Attributed[], attr: string) => trs.map((tr) => tr.getAttribute(attr) ?? ''),
    name,
  );
/** The times of the listed rows (epoch ms), top to bottom. */
const rowTimes = (): Promise<number[]> =>
  rows()
    .locator('time')
    .evaluateAll((nodes: Attributed[]) =>
      nodes.map((node) => Date.parse(node.getAttribute('datetime') ?? '')),
    );
/** Runs a page-side expression (the tests are typed without the DOM library). */
const inPage = <T>(expression: string): Promise<T> => page.evaluate<T>(expression);

beforeAll(async () => {
  assertExplorerBuilt();
  demo = await startWatchDemo();
  // A fresh state file: a watcher that remembered an earlier run's records would stay silent.
  gateway = await startWatchedGateway(demo, {
    watch: { intervalMs: 200, lookbackMs: 60_000, settleMs: 0, stateFile: state.file },
  });
  await untilPolled([gateway], SOURCES);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('request', (request: Request) => requested.push(request.url()));
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  await page.addInitScript(`
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__csp.push(event.violatedDirective + ' ' + event.blockedURI);
    });`);
});

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  await demo?.close();
  state.remove();
});

describe('the job-log explorer in a browser', () => {
  it('redirects / to /explorer, serves it with a strict CSP, and asks for the key', async () => {
    const response = await page.goto(`${gateway.url}/`);
    expect(new URL(page.url()).pathname).toBe('/explorer');
    expect(response?.headers()['content-security-policy']).toBe(EXPLORER_CSP);
    expect(EXPLORER_CSP).toContain("script-src 'self'");
    expect(EXPLORER_CSP).not.toContain('unsafe-inline');
    await expect(page.getByLabel('API key').isVisible()).resolves.toBe(true);
  });

  it('refuses a wrong key, then takes the right one and lists records from all three sources', async () => {
    // Fresh records on top, one per source, so that the first page holds all three.
    demo.emulators.scene7.append({ status: 'succeeded', jobName: 'explorer-scene7' });
    demo.emulators.businessCentral.append({ status: 'failed', jobName: 'explorer-bc' });
    demo.emulators.losant.append({ status: 'failed', jobName: 'explorer-losant' });

    await page.getByLabel('API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Open the explorer' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/key/i);

    await page.getByLabel('API key').fill(WATCH_KEY);
    await page.getByRole('button', { name: 'Open the explorer' }).click();
    await rows().first().waitFor();
    const sources = new Set(await rowAttrs('data-source'));
    expect([...sources].sort()).toEqual([...SOURCES].sort());
    expect(await rows().count()).toBe(PAGE_SIZE);
    // Newest first.
    const times = await rowTimes();
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Every status badge says its status in text, not colour alone.
    const badges = await rows().locator('.badge-label').allTextContents();
    expect(badges.every((text) => text.trim().length > 0)).toBe(true);
    await page.screenshot({ path: artifactPath('01-list.png') });
  });

  it('filters to failed logs, and the URL says so', async () => {
    await page.getByRole('checkbox', { name: /Failed/ }).check();
    // Until the new list is in: rows, and only failed ones (an empty list while loading is not it).
    await until(async () => {
      const statuses = await rowAttrs('data-status');
      return statuses.length > 0 && statuses.every((s) => s === 'failed');
    });
    const statuses = await rowAttrs('data-status');
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['failed']));
    expect(new URL(page.url()).searchParams.get('status')).toBe('failed');
    // The same view reloads from its URL.
    await page.reload();
    await rows().first().waitFor();
    expect(new Set(await rowAttrs('data-status'))).toEqual(new Set(['failed']));
    await expect(page.getByRole('checkbox', { name: /Failed/ }).isChecked()).resolves.toBe(true);
    await page.screenshot({ path: artifactPath('02-failed.png') });
  });

  it('opens a detail panel with the native record, as GET /v1/job-logs/{id} gives it', async () => {
    const first = rows().first();
    const id = (await first.getAttribute('data-id'))!;
    await first.getByRole('button').click();
    const panel = page.getByRole('complementary');
    await panel.getByRole('heading', { name: 'Native record' }).waitFor();
    const record = (await (await gateway.get(`/v1/job-logs/${encodeURIComponent(id)}`)).json()) as {
      raw: unknown;
      job: { name: string };
    };
    await until(async () => (await panel.locator('pre.native').textContent()) !== '');
    expect(JSON.parse((await panel.locator('pre.native').textContent())!)).toEqual(record.raw);
    expect(await panel.getByRole('heading', { level: 2 }).textContent()).toBe(record.job.name);
    expect(await panel.getByRole('link', { name: /\/v1\/job-logs\// }).getAttribute('href')).toBe(
      `/v1/job-logs/${encodeURIComponent(id)}`,
    );
    expect(new URL(page.url()).searchParams.get('id')).toBe(id);
    await page.screenshot({ path: artifactPath('03-detail.png') });
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    // Focus goes back to the row that opened it.
    expect(await inPage("document.activeElement?.closest('tr')?.dataset.id")).toBe(id);
  });

  it('pages past the first page with "Load older", each record once, newest first', async () => {
    await page.getByRole('checkbox', { name: /Failed/ }).uncheck();
    await until(async () => {
      const statuses = await rowAttrs('data-status');
      return statuses.length === PAGE_SIZE && statuses.some((s) => s !== 'failed');
    });
    await page.getByRole('button', { name: 'Load older' }).scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: 'Load older' }).click();
    await until(async () => (await rows().count()) > PAGE_SIZE);
    const ids = await rowAttrs('data-id');
    expect(new Set(ids).size).toBe(ids.length);
    const times = await rowTimes();
    expect(times).toEqual([...times].sort((a, b) => b - a));
    await page.screenshot({ path: artifactPath('04-older.png'), fullPage: false });
  });

  it('shows live records: at the top when at the top, as an "N new" button when scrolled away', async () => {
    await inPage('window.scrollTo(0, 0)');
    await page.getByRole('button', { name: /Live: off/ }).click();
    await page.getByRole('button', { name: 'Live: on' }).waitFor();
    demo.emulators.losant.append({ status: 'failed', jobName: 'explorer-live-top' });
    await until(
      async () => (await rows().first().textContent())?.includes('explorer-live-top') === true,
    );

    await inPage('window.scrollTo(0, document.body.scrollHeight)');
    demo.emulators.businessCentral.append({ status: 'failed', jobName: 'explorer-live-away' });
    const more = page.getByRole('button', { name: /1 new/ });
    await more.waitFor();
    expect(await rows().first().textContent()).not.toContain('explorer-live-away');
    await more.click();
    await until(
      async () => (await rows().first().textContent())?.includes('explorer-live-away') === true,
    );

    // Hidden tab: the tail pauses; shown again, it resumes with what it missed (Last-Event-ID).
    const setVisibility = (state: 'hidden' | 'visible'): Promise<unknown> =>
      inPage(`Object.defineProperty(document, 'visibilityState', {
        value: '${state}', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'))`);
    await inPage('window.scrollTo(0, 0)');
    await setVisibility('hidden');
    await page.getByRole('button', { name: 'Live: paused while hidden' }).waitFor();
    demo.emulators.losant.append({ status: 'failed', jobName: 'explorer-live-hidden' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await page.locator('table.job-list').textContent()).not.toContain(
      'explorer-live-hidden',
    );
    await setVisibility('visible');
    await page.getByRole('button', { name: 'Live: on' }).waitFor();
    await until(
      async () => (await rows().first().textContent())?.includes('explorer-live-hidden') === true,
    );
    await page.getByRole('button', { name: 'Live: on' }).click();
  });

  it('draws the chart, and clicking a bar narrows the list to it', async () => {
    await page.goto(`${gateway.url}/explorer?source=losant-demo&status=failed&range=1h`);
    const canvas = page.locator('section.chart canvas');
    await canvas.waitFor();
    await rows().first().waitFor();
    const label = (await canvas.getAttribute('aria-label'))!;
    expect(label).toMatch(/[1-9]\d* failed/);
    const box = (await canvas.boundingBox())!;
    // One bucket with records (the others trimmed), one stack: the bar fills the middle.
    await canvas.click({ position: { x: box.width / 2, y: box.height * 0.5 } });
    await until(() => new URL(page.url()).searchParams.get('range') === 'custom');
    const params = new URL(page.url()).searchParams;
    expect(params.get('source')).toBe('losant-demo');
    expect(params.get('status')).toBe('failed');
    const since = Date.parse(params.get('since')!);
    expect(Date.parse(params.get('until')!) - since).toBe(3_600_000);
    // Until the narrowed list is in: rows, all inside the bucket.
    await until(async () => {
      const listed = await rowTimes();
      return listed.length > 0 && listed.every((t) => t >= since && t < since + 3_600_000);
    });
    const times = await rowTimes();
    expect(times.every((t) => t >= since && t < since + 3_600_000)).toBe(true);
    // The same numbers as a table, for those who do not see the canvas.
    await page.getByRole('button', { name: 'Show as table' }).click();
    await page.locator('table.chart-table').waitFor();
    await page.screenshot({ path: artifactPath('05-chart.png') });
  });

  it('shows a failed source as a banner with its problem, and keeps the healthy sources', async () => {
    await page.goto(`${gateway.url}/explorer`);
    await rows().first().waitFor();
    demo.emulators.losant.inject({ kind: 'http-error', status: 503 }, 1000);
    try {
      await page.getByRole('checkbox', { name: /Succeeded/ }).check();
      const banner = page.getByRole('alert').filter({ hasText: 'losant-demo' });
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(/losant-demo.*failed/);
      // The banner may come from the chart's read first; wait for the list's succeeded rows.
      await until(async () => {
        const statuses = await rowAttrs('data-status');
        return statuses.length > 0 && statuses.every((status) => status === 'succeeded');
      });
      const sources = new Set(await rowAttrs('data-source'));
      expect(sources.has('losant-demo')).toBe(false);
      expect(sources.size).toBeGreaterThan(0);
      await page.screenshot({ path: artifactPath('06-source-failed.png') });
    } finally {
      demo.emulators.losant.clearFaults();
    }
  });

  it('counts records left out as invalid, and lists them on request', async () => {
    await page.goto(`${gateway.url}/explorer?source=losant-demo`);
    await rows().first().waitFor();
    // The watcher polls Losant too: enough faults that the explorer's reads take some.
    demo.emulators.losant.inject({ kind: 'invalid-record', index: 0 }, 200);
    try {
      // Keyboard only: the search box, typed text, Enter (the filter form submits).
      await page.getByRole('searchbox').focus();
      await page.keyboard.type('a');
      await page.keyboard.press('Enter');
      const banner = page.getByRole('status').filter({ hasText: 'failed validation' });
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(
        /\d+ records? (was|were) left out.*losant-demo: \d+/,
      );
      await banner.getByText('List them').click();
      expect(await banner.locator('li').first().textContent()).toMatch(/losant-demo record #0: /);
      await page.screenshot({ path: artifactPath('07-invalid.png') });
    } finally {
      demo.emulators.losant.clearFaults();
    }
  });

  it('opens a record from the keyboard alone', async () => {
    await page.goto(`${gateway.url}/explorer`);
    await rows().first().waitFor();
    const id = await rows().first().getAttribute('data-id');
    // Tab from the list's heading reaches the first row's button.
    await page.locator('#list-title').evaluate((heading: { tabIndex: number; focus(): void }) => {
      heading.tabIndex = -1;
      heading.focus();
    });
    let focused: string | undefined;
    for (let i = 0; i < 10 && focused !== id; i += 1) {
      await page.keyboard.press('Tab');
      focused = await inPage<string | undefined>(
        "document.activeElement?.closest('tr')?.dataset.id",
      );
    }
    expect(focused).toBe(id);
    await page.keyboard.press('Enter');
    await page.getByRole('complementary').getByRole('heading', { name: 'Native record' }).waitFor();
    expect(new URL(page.url()).searchParams.get('id')).toBe(id);
    await page.keyboard.press('Escape');
  });

  it('works at phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${gateway.url}/explorer`);
    await rows().first().waitFor();
    const overflow = await inPage<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: artifactPath('08-phone.png') });
  });

  it('never put the key in a URL, kept it in sessionStorage only, and broke no CSP rule', async () => {
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.filter((url) => url.includes(WATCH_KEY))).toEqual([]);
    expect(requested.some((url) => url.includes('/v1/job-logs'))).toBe(true);
    const storage = await inPage<{ session: string[]; local: string[] }>(
      '({ session: Object.values(sessionStorage), local: Object.values(localStorage) })',
    );
    expect(storage.session).toContain(WATCH_KEY);
    expect(storage.local).not.toContain(WATCH_KEY);
    const csp = await inPage<string[]>('window.__csp ?? []');
    expect([...violations, ...csp]).toEqual([]);
  });
});

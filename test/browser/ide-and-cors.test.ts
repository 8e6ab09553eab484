import { existsSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Caller } from '@district/common';
import { expected } from '../kit';
import { startTestStack, type TestStack } from '../kit/stack';

/**
 * In a real browser (Debian's headless Chromium) with networking off: the gateway's own IDE opens,
 * takes a token, shows the schema's bilingual docs and runs the annual report, and no request of
 * the page leaves the gateway's origin; a dashboard on another, configured origin queries the
 * gateway across origins (CORS), while an origin not configured is refused by the browser.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** Where the screenshot of the IDE is written (the README describes the one committed in docs/). */
const SHOTS = join(__dirname, '..', '..', '.data', 'screenshots');

const analyst: Caller = { subject: 'ide-analyst', roles: ['ANALYST'] };
const available = existsSync(CHROMIUM);
if (!available) {
  console.warn(
    `SKIPPED browser tests: no Chromium at ${CHROMIUM} (.ci/run installs Debian's chromium with apt-get; set CHROMIUM_PATH otherwise)`,
  );
}
const describeInBrowser = available ? describe : describe.skip;

let stack: TestStack;
let browser: Browser;
let dashboard: http.Server;
let stranger: http.Server;
let gatewayOrigin: string;

/** A page on its own origin that asks the gateway for a figure with a bearer token, as a dashboard would. */
function dashboardServer(): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const token = url.searchParams.get('token') ?? '';
    const gateway = url.searchParams.get('gateway') ?? '';
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><meta charset="utf-8"><title>dashboard</title><pre id="out">…</pre><script>
      fetch(${JSON.stringify(gateway)}, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + ${JSON.stringify(token)} },
        body: JSON.stringify({ query: '{ region(code: "410106") { name volunteer { activities(year: 2025) { value } } } }' }) })
        .then((r) => r.json()).then((j) => { document.getElementById('out').textContent = JSON.stringify(j); })
        .catch((e) => { document.getElementById('out').textContent = 'refused: ' + e.message; });
    </script>`);
  });
}

const listen = (server: http.Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );

/** Every request the page makes outside the gateway's origin is aborted and remembered: the IDE must make none. */
async function offlinePage(allowed: string[]): Promise<{ page: Page; outside: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const outside: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || allowed.some((o) => url.startsWith(`${o}/`))) return route.continue();
    outside.push(url);
    return route.abort('internetdisconnected');
  });
  return { page, outside };
}

beforeAll(async () => {
  if (!available) return;
  dashboard = dashboardServer();
  stranger = dashboardServer();
  const dashboardOrigin = await listen(dashboard);
  await listen(stranger);
  stack = await startTestStack({ CORS_ORIGINS: dashboardOrigin }, { shangjie: true });
  gatewayOrigin = new URL(stack.gatewayUrl).origin;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  dashboard?.close();
  stranger?.close();
});

describeInBrowser('the IDE, offline', () => {
  test('opens at /, takes a token, shows the bilingual docs and runs the annual report, all from the gateway', async () => {
    const { page, outside } = await offlinePage([gatewayOrigin]);
    await page.goto(`${gatewayOrigin}/`);
    expect(new URL(page.url()).pathname).toBe('/ide');
    await expect(page.title()).resolves.toMatch(/District graph IDE/);

    await page.fill('#token', await stack.token(analyst));
    await page.click('#use-token');
    await page.waitForSelector('.graphiql-container', { timeout: 60_000 });
    await expect(page.locator('#who').innerText()).resolves.toContain('ide-analyst');

    // docs: the explorer reads the schema by introspection, as the analyst
    await page.click('button[aria-label="Show Documentation Explorer"]');
    await page.getByText('Query', { exact: true }).first().click();
    await page.getByText('region', { exact: true }).first().waitFor({ timeout: 30_000 });
    await expect(page.locator('.graphiql-doc-explorer').innerText()).resolves.toContain('区划节点');

    // the reviewed annual report is the first tab, with the node and last year filled in
    await expect(page.locator('.graphiql-query-editor').innerText()).resolves.toContain('query AnnualReport');
    await page.click('.graphiql-execute-button');
    const result = page.locator('.result-window');
    await result.getByText('"certifiedHolders"').first().waitFor({ timeout: 60_000 });
    await expect(result.innerText()).resolves.toContain(`"value": ${expected.figures['workforce.certifiedHolders'].value}`);

    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'ide.png') });
    expect(outside).toEqual([]);
    await page.context().close();
  });

  test('the IDE sends no token-less introspection and shows the gateway refusal when a token may not introspect', async () => {
    const { page, outside } = await offlinePage([gatewayOrigin]);
    await page.goto(`${gatewayOrigin}/ide`);
    const street: Caller = { subject: 'ide-street', roles: ['STREET'], regionScope: '410106001000' };
    await page.fill('#token', await stack.token(street));
    await page.click('#use-token');
    await page.waitForSelector('.graphiql-container', { timeout: 60_000 });
    await page
      .getByText(/introspection is disabled for your role/)
      .first()
      .waitFor({ timeout: 30_000 });
    expect(outside).toEqual([]);
    await page.context().close();
  });
});

describeInBrowser('a dashboard on another origin (CORS)', () => {
  test('a configured origin queries the gateway from the browser; the preflight needs no token', async () => {
    const dashboardOrigin = `http://127.0.0.1:${(dashboard.address() as AddressInfo).port}`;
    const { page } = await offlinePage([gatewayOrigin, dashboardOrigin]);
    const url = `${dashboardOrigin}/?gateway=${encodeURIComponent(stack.gatewayUrl)}&token=${encodeURIComponent(await stack.token(analyst))}`;
    await page.goto(url);
    await page.locator('#out', { hasNotText: '…' }).waitFor({ timeout: 60_000 });
    const answer = JSON.parse(await page.locator('#out').innerText());
    expect(answer.data.region.volunteer.activities.value).toBe(expected.figures['volunteer.activities'].value);
    await page.context().close();

    const preflight = await fetch(stack.gatewayUrl, {
      method: 'OPTIONS',
      headers: {
        origin: dashboardOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(dashboardOrigin);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });

  test('an origin not configured is refused by the browser', async () => {
    const strangerOrigin = `http://127.0.0.1:${(stranger.address() as AddressInfo).port}`;
    const { page } = await offlinePage([gatewayOrigin, strangerOrigin]);
    await page.goto(
      `${strangerOrigin}/?gateway=${encodeURIComponent(stack.gatewayUrl)}&token=${encodeURIComponent(await stack.token(analyst))}`,
    );
    await page.locator('#out', { hasNotText: '…' }).waitFor({ timeout: 60_000 });
    await expect(page.locator('#out').innerText()).resolves.toMatch(/^refused: /);
    await page.context().close();
  });
});

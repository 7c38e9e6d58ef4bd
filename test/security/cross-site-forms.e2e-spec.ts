import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SecurityLog } from '@app/api-state';
import { ApiHarness } from '../support/api-harness';
import { launchChromium } from '../support/browser';
import { CHROMIUM_TOOL, describeWithTool } from '../support/external-tools';

/**
 * Another site (another port of the same host: same-site, so SameSite=Strict cookies ride
 * along) submits the dashboard's state-changing forms in the victim's browser. None of them
 * may take effect: not signing the victim in as the attacker, not signing them out, not
 * running the integrity check.
 */
describeWithTool(
  CHROMIUM_TOOL,
  'dashboard forms against forgery from another site (headless Chromium)',
  () => {
    let api: ApiHarness;
    let browser: Browser;
    let base: string;
    let attacker: Server;
    let evil: string;
    let victimToken: string;
    let attackerToken: string;
    const contexts: BrowserContext[] = [];

    /** A page of the other site that posts a form to the dashboard as soon as it loads. */
    const forms: Record<string, (target: string) => string> = {
      '/login': (target) =>
        `<form method="post" action="${target}/login"><input name="token" value="${attackerToken}"></form>`,
      '/logout': (target) => `<form method="post" action="${target}/logout"></form>`,
      '/verify': (target) => `<form method="post" action="${target}/integrity/verify"></form>`,
      '/logout-link': (target) => `<a id="go" href="${target}/logout">x</a>`,
    };

    beforeAll(async () => {
      api = await ApiHarness.start();
      await api.app.listen(0, '127.0.0.1');
      base = `http://127.0.0.1:${((api.app.getHttpServer() as Server).address() as AddressInfo).port}`;
      victimToken = api.user('Kiểm toán viên', 'auditor');
      attackerToken = api.user('Kẻ tấn công', 'auditor');
      attacker = createServer((req, res) => {
        const form = forms[req.url ?? ''];
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(
          `<!doctype html><body>${form ? form(base) : ''}<script>` +
            `(document.forms[0] ? document.forms[0].submit() : document.getElementById('go')?.click())` +
            `</script></body>`,
        );
      });
      await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
      evil = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
      browser = await launchChromium();
    });

    afterAll(async () => {
      for (const c of contexts) await c.close();
      await browser?.close();
      await new Promise<void>((resolve) => attacker.close(() => resolve()));
      await api.stop();
    });

    async function visitor(): Promise<Page> {
      const context = await browser.newContext();
      contexts.push(context);
      return context.newPage();
    }

    async function signIn(page: Page, token: string): Promise<void> {
      await page.goto(`${base}/login`);
      await page.fill('#token', token);
      await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
    }

    /** Visits the other site's page and waits for the dashboard's answer to its form. */
    async function lure(page: Page, path: string, answered: string): Promise<number> {
      const response = page.waitForResponse((r) => r.url().startsWith(`${base}${answered}`));
      await page.goto(`${evil}${path}`);
      return (await response).status();
    }

    it('does not sign a visitor in as the attacker', async () => {
      const page = await visitor();
      expect(await lure(page, '/login', '/login')).toBe(403);
      await page.goto(`${base}/`);
      expect(page.url()).toMatch(/\/login/);
    });

    it('does not sign the victim out, by form or by link', async () => {
      const page = await visitor();
      await signIn(page, victimToken);
      expect(await lure(page, '/logout', '/logout')).toBe(403);
      expect(await lure(page, '/logout-link', '/logout')).toBe(403);
      await page.goto(`${base}/`);
      expect(page.url()).toBe(`${base}/`);
      expect(await page.locator('form[action="/logout"]').count()).toBe(1);
    });

    it('does not run the integrity check for another site', async () => {
      const page = await visitor();
      await signIn(page, victimToken);
      expect(await lure(page, '/verify', '/integrity/verify')).toBe(403);
      // From the dashboard itself it runs.
      await page.goto(`${base}/integrity`);
      const own = page.waitForResponse((r) => r.url().startsWith(`${base}/integrity/verify`));
      await page.locator('form[action^="/integrity/verify"] button').click();
      expect((await own).status()).toBe(303);
    });

    it('logs the forged and the failed sign-ins', async () => {
      const page = await visitor();
      await page.goto(`${base}/login`);
      await page.fill('#token', 'bt_not-a-real-token');
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=login-error]');
      const codes = (await api.app.get(SecurityLog).recent(50)).map((r) => r.code);
      expect(codes).toEqual(
        expect.arrayContaining(['DASHBOARD.CROSS_SITE', 'DASHBOARD.SIGN_IN_FAILED']),
      );
    });
  },
);

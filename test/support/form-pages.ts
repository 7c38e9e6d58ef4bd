import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * What the dashboard form tests do in Chromium as a person would: sign in with a token in
 * a browser of one's own, read the message shown beside a field, wait for a read model.
 */
export class FormPages {
  private readonly contexts: BrowserContext[] = [];

  constructor(
    private readonly browser: () => Browser,
    private readonly base: () => string,
  ) {}

  /** A new browser (its own cookies), in Vietnam's time zone and an English locale, signed in. */
  async signIn(token: string): Promise<Page> {
    const context = await this.browser().newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'en-US',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    this.contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${this.base()}/login`);
    await page.getByLabel('Mã truy cập').fill(token);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${this.base()}/`);
    return page;
  }

  async close(): Promise<void> {
    await Promise.all(this.contexts.map((c) => c.close()));
  }
}

/** The message shown beside a field of a form (`<form id>-form`), by the field's name. */
export function fieldError(page: Page, form: string, name: string): Promise<string> {
  return page.getByTestId(`${form}-form`).locator(`[id$="f-${name}-error"]`).innerText();
}

/** Read models follow the log just after a write: reload until the page shows it. */
export async function untilShown(page: Page, testId: string, expected: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const shown = await page.getByTestId(testId).first().innerText();
    if (shown.includes(expected)) return;
    await page.waitForTimeout(100);
    await page.reload();
  }
  await expect(page.getByTestId(testId).first().innerText()).resolves.toContain(expected);
}

import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); npm's browser downloads do not work here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Waits until no finite animation runs (a dialog has finished opening, and has run the effects that fill or reset its
 * form). Endless animations (spinners) never settle and are left out.
 */
export async function settled(page: Page): Promise<void> {
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), undefined, { timeout: 5000 })
    .catch(() => undefined);
}

/** Serious and critical WCAG 2.1 A/AA violations on the page, one line each (empty when none). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // A dialog still fading in has text at part opacity: contrast is judged once motion has settled.
  await settled(page);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

/**
 * What an officer sees sticking out past the right edge of `container` (a drawer's or a modal's body, a page's content):
 * one line per visible descendant whose box ends beyond that edge (empty when everything fits). What a descendant
 * clips (a long name cut to "…" inside its field, a table's own sideways scroll) is measured where it is clipped.
 */
export async function pastRightEdge(container: Locator): Promise<string[]> {
  return container.evaluate((root) => {
    const edge = root.getBoundingClientRect().right + 0.5;
    const clips = (el: Element) => ['hidden', 'clip', 'auto', 'scroll'].includes(getComputedStyle(el).overflowX);
    const found: string[] = [];
    for (const el of root.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      let right = box.right;
      for (let a = el.parentElement; a && a !== root; a = a.parentElement) if (clips(a)) right = Math.min(right, a.getBoundingClientRect().right);
      if (right > edge) found.push(`${el.tagName.toLowerCase()}${[...el.classList].map((c) => `.${c}`).join('')} "${(el.textContent ?? '').trim().slice(0, 40)}" ends at ${Math.round(right)} px, past ${Math.round(edge)} px`);
    }
    return found;
  });
}

/** Where screenshots go (checked by eye after a run). */
export const SHOTS = process.env.E2E_SCREENSHOTS ?? '/tmp';

/**
 * Runs an action and waits for the toast it raises. A toast with the same words from an earlier action may still be on
 * screen (they last seconds), and on a loaded machine the new one may come and go between two polls, so the page counts
 * each toast as it is added (a MutationObserver set up before the action) and the wait is for one more than before.
 */
export async function actAndAwaitToast(page: Page, text: string, action: () => Promise<void>): Promise<void> {
  const key = `__toasts_${Math.random().toString(36).slice(2)}`;
  await page.evaluate(
    ([k, words]) => {
      const w = window as unknown as Record<string, number>;
      w[k] = 0;
      const seen = new WeakSet<Element>();
      const scan = (): void => {
        for (const el of document.querySelectorAll('.ant-message-notice')) {
          if (!seen.has(el) && el.textContent?.includes(words)) {
            seen.add(el);
            w[k] = (w[k] ?? 0) + 1;
          }
        }
      };
      scan();
      w[k] = 0; // the toasts already on screen are not the action's
      new MutationObserver(scan).observe(document.body, { childList: true, subtree: true, characterData: true });
    },
    [key, text] as const,
  );
  await action();
  await page.waitForFunction((k) => ((window as unknown as Record<string, number>)[k] ?? 0) > 0, key);
}

/** Signs an officer into the console with the test password and waits for the home page's greeting. */
export async function signInToConsole(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/console`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: /Xin chào/ }).waitFor();
}

// What a grid worker's hands do on the phone-interview screen, for the journeys in cati-journey.test.ts: tap answers
// by their printed question number and option label, open the bar's other outcomes and press one, draw the next
// number. Everything goes through the page the server returned (its links, its forms).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { submit } from './journey.js';

/** The question block printed with this number ("3", "3.1"). */
export function question(page: Page, number: string) {
  return page.locator('form.cati-form fieldset').filter({ has: page.locator('legend .n', { hasText: new RegExp(`^${number.replace('.', '\\.')}\\.$`) }) });
}

/** Taps an option of a question, by its label as printed. */
export async function tap(page: Page, number: string, label: string): Promise<void> {
  await question(page, number).locator('label.o', { hasText: label }).first().click();
}

/**
 * Answers every question on screen that has no answer yet with its first option, except the numbers in `skip`
 * (and text questions, which are optional): what an interviewer does for a resident who is happy with everything.
 */
export async function answerTheRest(page: Page, skip: readonly string[] = []): Promise<void> {
  // Which blocks still need an answer, read in one go; each is then answered by a real tap.
  const open = await page.locator('form.cati-form fieldset').evaluateAll((blocks) => blocks
    .filter((b) => b.checkVisibility() && b.querySelector('label.o') && !b.querySelector('input:checked'))
    .map((b) => (b.querySelector('legend .n')?.textContent ?? '').replace(/\.$/, '')));
  for (const number of open.filter((n) => !skip.includes(n))) {
    await question(page, number).locator('label.o').first().click();
  }
}

/** Opens the bar's other outcomes when they are folded away (on a phone) and presses one. */
export async function pressOutcome(page: Page, label: string): Promise<void> {
  await openOutcomes(page);
  await submit(page, `.cati-bar button:has-text("${label}")`);
}

export async function openOutcomes(page: Page): Promise<void> {
  const summary = page.locator('.cati-outcomes > summary');
  // On a wide screen the outcomes are always shown and there is nothing to open.
  if (!(await summary.isVisible())) return;
  if (!(await page.locator('.cati-outcomes').evaluate((d) => (d as HTMLDetailsElement).open))) await summary.click();
}

/** 下一个号码 on the round page the server returned; fails unless it is the page's first (primary) button. */
export async function nextNumber(page: Page): Promise<void> {
  const primary = page.locator('main button').first();
  const text = await primary.innerText();
  if (!text.includes('下一个号码')) throw new Error(`the round page's first button is "${text}", not 下一个号码`);
  await submit(page, 'main button:has-text("下一个号码")');
  if (!/\/calls\/\d+$/.test(new URL(page.url()).pathname)) throw new Error(`no number drawn: ${await page.locator('main').innerText()}`);
}

/** Whether the element's box lies entirely inside the window. */
export async function inViewport(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const size = page.viewportSize();
  return !!box && !!size && box.y >= 0 && box.y + box.height <= size.height && box.x >= 0 && box.x + box.width <= size.width;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's violations on the page, as "rule: target" lines: every rule on the whole page except colour contrast,
 * which is judged on the phone-interview parts only (the muted grey of the shared breadcrumb and footer is the
 * staff palette's, fixed there).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> };
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<Result> } }).axe;
    const lines = (r: Result) => r.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
    const page = await axe.run(document, { rules: { 'color-contrast': { enabled: false } } });
    const parts = await axe.run({ include: [['.cati-head'], ['.cati-script'], ['form.cati-form']] }, { runOnly: ['color-contrast'] });
    return [...lines(page), ...lines(parts)];
  });
}

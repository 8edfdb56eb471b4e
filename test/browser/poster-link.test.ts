/// <reference lib="dom" />
// on posters printed four to a page, the resident link is printed on one line (a link broken across lines
// is mistyped), for a short public address and a long one, on screen and in the print styles at A4 width. Measured
// in Chromium: the lines the link's text occupies, and whether it stays inside its poster.
import t from 'tap';
import type { Page } from 'playwright-core';
import { logIn, screen, shoot, startJourney } from '../kit/journey.js';
import { VILLAGE, posterWorld } from '../kit/poster.js';
import { PASSWORD } from '../kit/app.js';

interface LinkFit {
  link: string;
  lines: number;
  inside: boolean;
}

/** For every poster: its link, the number of lines its text takes and whether it ends inside the poster. */
function measureLinks(page: Page): Promise<LinkFit[]> {
  return page.locator('.poster .link-text').evaluateAll((paragraphs) =>
    paragraphs.map((p) => {
      const text = p.textContent ?? '';
      const at = text.indexOf('http');
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const i = (node.textContent ?? '').indexOf('http');
        if (i >= 0) {
          range.setStart(node, i);
          range.setEnd(node, (node.textContent ?? '').length);
        }
      }
      const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      const poster = p.closest('.poster');
      const box = poster ? poster.getBoundingClientRect() : p.getBoundingClientRect();
      const end = range.getBoundingClientRect();
      return { link: text.slice(at), lines: tops.size, inside: end.right <= box.right + 0.5 && end.left >= box.left - 0.5 };
    }));
}

for (const publicUrl of ['https://poll.example.gov.cn', 'https://pingan-mindiao.dongcheng-district.example.gov.cn/minyi/survey']) {
  t.test(`four posters to a page print each link on one line (${publicUrl})`, async (t) => {
    const { base, browser, repos } = await startJourney(t, (r) => posterWorld(r, 4), { publicUrl });
    const round = repos.rounds.list()[0];
    const page = await (await screen(browser, 'desktop')).newPage();
    await logIn(page, base, 'committee', PASSWORD);
    await page.goto(`${base}/rounds/${round.code}/posters?unit=${VILLAGE}&per=4`);
    const onScreen = await measureLinks(page);
    t.equal(onScreen.length, 4, 'four posters');
    for (const fit of onScreen) {
      t.equal(fit.lines, 1, `on screen, ${fit.link} is on one line`);
      t.ok(fit.inside, `and inside its poster`);
    }
    // The print styles at the width of an A4 page's printable area (210 mm less two 12 mm margins).
    await page.setViewportSize({ width: 703, height: 1032 });
    await page.emulateMedia({ media: 'print' });
    for (const fit of await measureLinks(page)) {
      t.equal(fit.lines, 1, `printed, ${fit.link} is on one line`);
      t.ok(fit.inside, 'and inside its poster');
    }
    await shoot(page, `posters-4-per-page-${publicUrl.length}`);
  });
}

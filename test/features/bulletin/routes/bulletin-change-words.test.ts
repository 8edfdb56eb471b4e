// Colour is never the only signal: every rise or fall the bulletin shows — on the page, printed in black and white,
// in the Word file — carries its word (上升 / 下降) or arrow (↑ / ↓), as a change within noise carries 基本持平.
import t, { type Test } from 'tap';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { openRound } from '../../../kit/fixtures.js';
import type { Round } from '../../../../server/core/rounds/round.js';
import { district, monthRound, nextPeriod, respond, type Setup } from '../../../kit/bulletin.js';
import { docxText } from '../../../kit/docx.js';
import { closeRoundById } from '../../../../server/features/rounds/rounds-service.js';

/** Village a improves from good to best answers, village c falls from best to good, b stays where it was. */
async function twoMonths(t: Test) {
  let setup: Setup | undefined;
  let second: Round | undefined;
  const built = await build(t, { seed: (repos) => {
    setup = district(repos);
    const first = openRound(repos);
    const [a, b, c] = setup.villages;
    respond(repos, first, a, 4, 'good');
    respond(repos, first, b, 4, 'best');
    respond(repos, first, c, 4, 'best');
    closeRoundById(repos, first.id);
    second = monthRound(repos, first, nextPeriod(first.period), setup.district);
    respond(repos, second, a, 4, 'best');
    respond(repos, second, b, 4, 'best');
    respond(repos, second, c, 4, 'good');
    second = closeRoundById(repos, second.id);
  } });
  if (!setup || !second) throw new Error('fixture');
  return { ...built, setup, second };
}

t.test('each coloured rise or fall on the bulletin page carries 上升/下降 or an arrow', async (t) => {
  const { app, second } = await twoMonths(t);
  const s = await logIn(app, 'committee', PASSWORD);
  const page = (await s.get(`/rounds/${second.code}/bulletin`)).body;
  const coloured = [...page.matchAll(/<(td|dd|span) class="(?:num )?(up|down)">([\s\S]*?)<\/\1>/g)];
  t.ok(coloured.filter((m) => m[2] === 'up').length >= 1, 'a rise is shown');
  t.ok(coloured.filter((m) => m[2] === 'down').length >= 1, 'a fall is shown');
  for (const [, , dir, inner] of coloured) {
    const words = dir === 'up' ? /上升|↑/ : /下降|↓/;
    t.match(inner, words, `"${inner.replace(/<[^>]+>/g, ' ')}" (${dir}) says so in words`);
  }
});

t.test('the Word bulletin prints the word beside every rise and fall of a score', async (t) => {
  const { app, second, setup } = await twoMonths(t);
  const s = await logIn(app, 'committee', PASSWORD);
  const res = await s.get(`/rounds/${second.code}/bulletin.docx`);
  t.equal(res.statusCode, 200);
  const text = await docxText(res.rawPayload);
  const line = (name: string) => text.split('\n').find((l) => l.includes(`\t${name}`)) ?? '';
  const [a, b, c] = setup.villages;
  t.match(line(a.name), /\+\d+\.\d\d 上升/, `${a.name}: "+x 上升" — ${line(a.name)}`);
  t.match(line(c.name), /-\d+\.\d\d 下降/, `${c.name}: "-x 下降" — ${line(c.name)}`);
  t.match(line(b.name), /基本持平/, `${b.name}: 基本持平 — ${line(b.name)}`);
  // Every signed score change in the file carries its word.
  for (const m of text.matchAll(/(?:^|\t)([+-]\d+\.\d\d)([^\t\n]*)/gm)) {
    t.match(m[2], /上升|下降|基本持平/, `"${m[1]}${m[2]}" carries its verdict`);
  }
});

// A poster names the poll as the resident form does (the round's public title), and prints the grid
// worker's line only when a worker is registered.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { VILLAGE, posterWorld } from '../../../kit/poster.js';
import { markInviteOnly } from '../../../../server/features/invites/invites-service.js';

const GRID = `${VILLAGE}-G1`;
const textOf = (html: string, pattern: RegExp) => pattern.exec(html)?.[1] ?? '';

t.test('the poster and the resident form carry one name for the poll', async (t) => {
  const { app, repos } = await build(t, { seed: (r) => posterWorld(r) });
  const round = repos.rounds.list()[0];
  const s = await logIn(app, 'committee', PASSWORD);
  const poster = textOf((await s.get(`/rounds/${round.code}/links/${GRID}/poster`)).body, /<h2 class="poster-title">([^<]*)<\/h2>/);
  const form = textOf((await app.inject({ method: 'GET', url: `/g/${GRID}` })).body, /<h1>([^<]*)<\/h1>/);
  t.ok(form.length > 0, `the form is headed ${form}`);
  t.equal(poster, form, 'the poster is headed with the same name');
  t.equal(poster, repos.surveys.getVersion(round.surveyVersionId)?.survey.publicTitle, 'the questionnaire\'s public title');
  const batch = await s.get(`/rounds/${round.code}/posters?unit=${VILLAGE}&per=4`);
  const titles = new Set(batch.body.match(/<h2 class="poster-title">[^<]*<\/h2>/g));
  t.same([...titles], [`<h2 class="poster-title">${form}</h2>`], 'every poster of a batch too');
  const roundPage = (await s.get(`/rounds/${round.code}`)).body;
  t.match(textOf(roundPage, /<th scope="row">群众看到的名称<\/th><td>([^<]*)</), form, 'the round page names the poll as the poster does');
  t.match((await s.get('/rounds')).body, `<td>${form}`, 'and so does the list of rounds');
});

t.test('the worker line is printed for a registered worker and left out otherwise', async (t) => {
  const { app, repos } = await build(t, { seed: (r) => posterWorld(r, 2) });
  const grid = repos.units.getByCode(GRID);
  if (!grid) throw new Error('fixture');
  repos.posters.setGridWorker(grid.id, GRID, { name: '李红', phone: '0731-88886666' }, { userId: null, client: null });
  const round = repos.rounds.list()[0];
  const s = await logIn(app, 'committee', PASSWORD);
  const batch = (await s.get(`/rounds/${round.code}/posters?unit=${VILLAGE}&per=4`)).body;
  const posters = batch.split('<article class="poster">').slice(1);
  t.equal(posters.length, 2);
  t.match(posters[0], '本网格网格员：<strong class="worker-name">李红</strong>　核实电话：<strong class="worker-phone">0731-88886666</strong>');
  t.notMatch(posters[1], '网格员', 'no worker line on the grid without one');
  t.notMatch(posters[1], '核实电话');
  t.notMatch(posters[1].slice(posters[1].indexOf('<div class="verify">')), /＿{2,}/, 'no blanks printed for the worker');
});

t.test('an invite-only round\'s poster asks for the household\'s code; an open round\'s says none is needed', async (t) => {
  const { app, repos } = await build(t, { seed: (r) => posterWorld(r) });
  const round = repos.rounds.list()[0];
  const s = await logIn(app, 'committee', PASSWORD);
  const invite = (html: string) => textOf(html, /<div class="invite">\s*<p>([^<]*)<\/p>/);
  const open = invite((await s.get(`/rounds/${round.code}/links/${GRID}/poster`)).body);
  t.match(open, '无需登录');
  t.notMatch(open, '邀请码');
  markInviteOnly(repos, round.id);
  const single = invite((await s.get(`/rounds/${round.code}/links/${GRID}/poster`)).body);
  t.match(single, '本次调查凭入户邀请码填写');
  t.match(single, '每户一码，只能使用一次');
  const batch = (await s.get(`/rounds/${round.code}/posters?unit=${VILLAGE}&per=4`)).body;
  t.match(invite(batch), '入户邀请码', 'the printed batch too');
});

// The ranking image for work groups, as a committee member and a township's staff download it: a PNG of the asked
// level, 1080 px wide and as tall as its rows, with red 红榜 bars; the bulletin's own access rule; a clear refusal
// when the unit ranks nothing at that level; the link under each ranking chart; the issuing body it names.
import t from 'tap';
import { mkdirSync, writeFileSync } from 'node:fs';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { openRound } from '../../../kit/fixtures.js';
import { closeRoundById } from '../../../../server/features/rounds/rounds-service.js';
import { getRoundResults } from '../../../../server/features/results/round-results.js';
import { issuingBodyOf as issuingBodyOfUnit } from '../../../../server/features/documents/documents-service.js';
import type { FastifyInstance } from 'fastify';
import type { UnitResult } from '../../../../server/core/results/types.js';
import { bulletinContent } from '../../../../server/features/bulletin/core/content.js';
import { rankedTableOf, rankingImageSvg } from '../../../../server/features/bulletin/view-models/bulletin-charts.js';
import type { Round } from '../../../../server/core/rounds/round.js';
import { district, links, respond, type Setup } from '../../../kit/bulletin.js';
import { decodePng, pixelsNear, pngSize, PNG_SIGNATURE, type PngImage } from '../../../kit/png.js';

/** The issuing body moved to the documents service, which takes the unit's id. */
const issuingBodyOf = (app: FastifyInstance, unit: UnitResult | undefined) => issuingBodyOfUnit(app.repos, unit?.unitId ?? 0);

const SCREENSHOTS = 'test-output/screenshots/ranking';

async function rankedApp(t: Parameters<typeof build>[0]) {
  let setup: Setup | undefined;
  let round: Round | undefined;
  const built = await build(t, { seed: (repos) => {
    setup = district(repos);
    round = openRound(repos, 'hunan-100', { quotaPerGrid: 10, minSample: 5 });
    const [a, b, c, d] = setup.villages;
    respond(repos, round, a, 6, 'best');
    respond(repos, round, b, 3, 'best');
    respond(repos, round, b, 3, 'good');
    respond(repos, round, c, 4, 'best');
    respond(repos, round, c, 2, 'good');
    respond(repos, round, d, 6, 'good');
    // Closed: an open round names no 红榜/黑榜 (docs/statistics.md#rankings); the open case is drawn from its content.
    round = closeRoundById(repos, round.id);
  } });
  if (!setup || !round) throw new Error('fixture');
  return { ...built, setup, round };
}

/** Pixels of a colour in the rows of the picture (below the header and legend, which are red too). */
function inRows(img: PngImage, colour: [number, number, number]): number {
  const rows = { ...img, height: img.height - 300, pixels: img.pixels.subarray(300 * img.width * 4) };
  return pixelsNear(rows, colour, 20);
}

t.test('a committee member downloads the district’s village ranking as a phone-sized PNG', async (t) => {
  const { app, round, setup } = await rankedApp(t);
  const s = await logIn(app, 'committee', PASSWORD);
  const res = await s.get(`/rounds/${round.code}/ranking.png?unit=${setup.district.code}&level=village`);
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^image\/png/);
  t.match(res.headers['content-disposition'], /^inline; .*filename\*=UTF-8''.*\.png$/);
  const png = res.rawPayload;
  t.ok(png.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature');
  const { width, height } = pngSize(png);
  t.equal(width, 1080, 'a phone screen’s width');
  t.ok(height > 600 && height < 1400, `four villages make a short picture (${height} px)`);
  const img = decodePng(png);
  t.ok(inRows(img, [0xb3, 0x26, 0x1e]) > 2000, 'a red 红榜 bar');
  t.ok(inRows(img, [0x5f, 0x63, 0x68]) > 500, 'a black-grey 黑榜 bar');
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(`${SCREENSHOTS}/fixture-district-villages.png`, png);

  const townships = await s.get(`/rounds/${round.code}/ranking.png?unit=${setup.district.code}`);
  t.equal(townships.statusCode, 200, 'by default the level right below the unit');
  t.ok(pngSize(townships.rawPayload).height < height, 'two townships make a shorter picture than four villages');
  writeFileSync(`${SCREENSHOTS}/fixture-district-townships.png`, townships.rawPayload);
});

t.test('the picture has the bulletin’s access; a level the unit does not rank is refused in Chinese', async (t) => {
  const { app, round, setup } = await rankedApp(t);
  const s = await logIn(app, 'township', PASSWORD);
  const [own, other] = setup.townships;
  t.equal((await s.get(`/rounds/${round.code}/ranking.png?unit=${own.code}`)).statusCode, 200, 'own township');
  t.equal((await s.get(`/rounds/${round.code}/ranking.png?unit=${other.code}`)).statusCode, 403, 'another township');
  t.equal((await s.get(`/rounds/${round.code}/ranking.png?unit=${setup.district.code}`)).statusCode, 403, 'the district');
  const grid = await s.get(`/rounds/${round.code}/ranking.png?unit=${own.code}&level=township`);
  t.equal(grid.statusCode, 400);
  t.match(grid.body, '之下没有“乡镇（街道）”这一层级的排名');
  t.equal((await s.get(`/rounds/${round.code}/ranking.png?unit=${own.code}&level=nonsense`)).statusCode, 400);
  t.equal((await s.get(`/rounds/NO-SUCH/ranking.png`)).statusCode, 404);
  const anonymous = await app.inject({ method: 'GET', url: `/rounds/${round.code}/ranking.png?unit=${own.code}` });
  t.not(anonymous.statusCode, 200, 'no picture without a login');
});

t.test('each ranking chart of the bulletin links to its picture', async (t) => {
  const { app, round, setup } = await rankedApp(t);
  const s = await logIn(app, 'committee', PASSWORD);
  const page = links((await s.get(`/rounds/${round.code}/bulletin?unit=${setup.district.code}`)).body);
  t.match(page, `/rounds/${round.code}/ranking.png?unit=${setup.district.code}&level=township`);
  t.match(page, `/rounds/${round.code}/ranking.png?unit=${setup.district.code}&level=village`);
  t.match(page, '下载排名图片');
  t.match(page, '<span class="tag top">红榜</span>');
});

t.test('the issuing body: the notice’s, else the posters’, else the district’s name with 平安办', async (t) => {
  const { app, round, setup } = await rankedApp(t);
  const results = getRoundResults(app.repos, round);
  const village = results.units[setup.villages[0].code];
  t.equal(issuingBodyOf(app, village), `${setup.district.name}平安办`);
  t.equal(issuingBodyOf(app, results.units[setup.district.code]), `${setup.district.name}平安办`);
  app.repos.documents.setIssuer({ issuingBody: '示范区委政法委（平安办）', numberPrefix: '示平安办' }, { userId: null, client: null });
  t.equal(issuingBodyOf(app, village), '示范区委政法委（平安办）', 'the issuing body of the documents page');
});

t.test('the picture’s text: issuing body, title, round, list colours for the listed units, and an open round’s caveat', async (t) => {
  const { app, round, setup } = await rankedApp(t);
  const version = app.repos.surveys.getVersion(round.surveyVersionId);
  if (!version) throw new Error('fixture');
  const results = getRoundResults(app.repos, round);
  const unit = results.units[setup.district.code];
  // The same numbers while the round was open: the caveat, and no 红榜/黑榜 yet.
  const open = bulletinContent({ round: { ...round, state: 'open' }, survey: version.survey, results, series: [], unit });
  const openVillages = rankedTableOf(open, 'village');
  if (!openVillages) throw new Error('no village table');
  const openSvg = rankingImageSvg(open, openVillages, '示范区委政法委（平安办）');
  t.match(openSvg, '本轮民调尚在进行', 'the round is still open');
  t.notMatch(openSvg, /<g class="row (top|bottom)">/, 'an open round lists nobody');
  const content = bulletinContent({ round, survey: version.survey, results, series: [], unit });
  const villages = rankedTableOf(content, 'village');
  if (!villages) throw new Error('no village table');
  const svg = rankingImageSvg(content, villages, '示范区委政法委（平安办）');
  t.match(svg, '>示范区委政法委（平安办）</text>');
  t.match(svg, '>全区各村（社区）');
  t.match(svg, `轮次 ${round.code}`);
  const listed = (kind: 'top' | 'bottom') => villages.rows.filter((r) => r.honour === kind).length;
  t.ok(listed('top') > 0 && listed('bottom') > 0, 'the fixture has both lists');
  t.equal([...svg.matchAll(/<g class="row top">/g)].length, listed('top'), 'a red row per 红榜 unit');
  t.equal([...svg.matchAll(/<g class="row bottom">/g)].length, listed('bottom'), 'a black-grey row per 黑榜 unit');
  t.match(svg, '红色为红榜、黑灰色为黑榜：红榜只列 95% 区间整体高于', 'the lists’ rule, as the bulletin states it');
});

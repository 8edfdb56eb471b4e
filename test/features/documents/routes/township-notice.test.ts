// a township's Word bulletin is its own notice — its 综治中心 as the issuing body and no (empty) number line
// under the committee's name; the committee's download is a preview (征求意见稿) until it issues the bulletin (发文),
// and the number then belongs to the committee's issued file, which the township's page names.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { openRound } from '../../../kit/fixtures.js';
import type { Round } from '../../../../server/core/rounds/round.js';
import { DEFAULT_ISSUER } from '../../../../server/features/documents/core/official-notice.js';
import { district, respond, type Setup } from '../../../kit/bulletin.js';
import { docxText } from '../../../kit/docx.js';
import { closeRoundById } from '../../../../server/features/rounds/rounds-service.js';

t.test('the township sends its own notice; the committee\'s issued notice keeps the committee\'s body and number', async (t) => {
  let setup: Setup | undefined;
  let round: Round | undefined;
  const { app } = await build(t, { seed: (repos) => {
    setup = district(repos);
    round = openRound(repos);
    for (const v of setup.villages) respond(repos, round, v, 3, 'good');
    round = closeRoundById(repos, round.id);
  } });
  if (!setup || !round) throw new Error('fixture');
  const township = setup.townships[0];
  const url = `/rounds/${round.code}/bulletin.docx?unit=${township.code}`;
  const lines = async (s: Awaited<ReturnType<typeof logIn>>) => (await docxText((await s.get(url)).rawPayload)).split('\n');

  const clerk = await logIn(app, 'township', PASSWORD);
  const own = await lines(clerk);
  t.equal(own[0], `${township.name}综治中心`, 'the issuing body is the township\'s 综治中心');
  t.not(own[1]?.trim(), '', 'no empty number line under it: the title follows');
  t.notMatch(own.join('\n'), DEFAULT_ISSUER.issuingBody, 'the committee\'s body is not printed');
  t.notMatch(own.join('\n'), /〔\d{4}〕/, 'no document number');
  const sign = own.lastIndexOf(`${township.name}综治中心`);
  t.ok(sign > 0, 'signed by the 综治中心');
  t.match(own[sign + 1] ?? '', /^二〇\S+年\S+月\S+日$/, 'dated the day it is sent');

  const committee = await logIn(app, 'committee', PASSWORD);
  const preview = await lines(committee);
  t.equal(preview[0], DEFAULT_ISSUER.issuingBody, 'the committee\'s download is the committee\'s notice');
  t.equal(preview[1], '征求意见稿', 'as a preview, without a number');

  // Once the committee issues it, the issued file is the committee's (发文登记); the township's own notice stays its own.
  const issuePage = await committee.get(`/rounds/${round.code}/document?unit=${township.code}&kind=bulletin`);
  t.equal((await committee.post(`/rounds/${round.code}/document/issue?unit=${township.code}&kind=bulletin`, { corrects: '' })).statusCode, 303, 'issued');
  t.equal(issuePage.statusCode, 200);
  const again = await lines(clerk);
  t.equal(again[0], `${township.name}综治中心`, 'the township still downloads its own notice');
  t.notMatch(again.join('\n'), /〔\d{4}〕/, 'with no number: the number belongs to the committee\'s issued file');
  const page = (await clerk.get(`/rounds/${round.code}/bulletin?unit=${township.code}`)).body;
  t.match(page, /已发文：平安办〔\d{4}〕1号/, 'its page says the committee has issued the bulletin, and under which number');
});

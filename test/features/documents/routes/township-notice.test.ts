// a township's Word bulletin is its own notice — its 综治中心 as the issuing body and no (empty) number line
// under the committee's name — until the committee issues that bulletin itself, after which everyone downloads the
// committee's notice as issued, with its number.
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
  const issued = await lines(committee);
  t.equal(issued[0], DEFAULT_ISSUER.issuingBody, 'the committee\'s download is the committee\'s notice');
  t.match(issued[1], /^平安办〔\d{4}〕\d+号$/, 'with its number');

  const again = await lines(clerk);
  t.equal(again[0], DEFAULT_ISSUER.issuingBody, 'once issued, the township downloads the notice as issued');
  t.equal(again[1], issued[1], 'with the same number');
});

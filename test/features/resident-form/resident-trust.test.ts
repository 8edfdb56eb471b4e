// Only a form SafePoll served counts: blind, cookie-less, forged and reused posts store nothing and get the form back
// with the answers kept; a cross-site post gets the blank form and keeps the resident's cookie; a resident whose cookie was dropped gets through with one more tap; one
// device answers once per round, in whichever grid.
import t from 'tap';
import type { LightMyRequestResponse } from 'fastify';
import { pollApp } from '../../kit/resident-poll.js';
import { FORM, completeAnswers, count, deviceCookie, fieldset, formBody, hiddenField, openForm, shownFor } from '../../kit/resident.js';
import { issueSubmissionKey, SUBMISSION_KEY_TTL_MS } from '../../../server/features/resident-form/submission-key.js';
import { closeRoundById, createRound, openRoundById } from '../../../server/features/rounds/rounds-service.js';

const NOTICE = '为确认是本人提交';

const setup = (t: Parameters<typeof pollApp>[0]) => pollApp(t);

t.test('blind, forged and reused posts store nothing and come back filled in', async (t) => {
  const { app, db, poll } = await setup(t);
  const answers = completeAnswers(poll.survey, { [poll.suggestionId]: '路灯坏了' });
  const payload = (key?: string) => formBody(answers, { shown: shownFor(poll.survey, answers), ...(key === undefined ? {} : { submission_key: key }) });
  const post = (key: string | undefined, cookies: Record<string, string> = {}, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `/g/${poll.gridCode}`, headers: { ...FORM, ...headers }, cookies, payload: payload(key) });
  const comesBack = (res: LightMyRequestResponse, what: string) => {
    t.equal(res.statusCode, 422, `${what}: 422`);
    t.match(res.body, NOTICE, `${what}: the note asks for one more tap`);
    t.match(fieldset(res.body, poll.suggestionId), '>路灯坏了</textarea>', `${what}: the answers are kept`);
    t.ok(hiddenField(res.body, 'submission_key'), `${what}: with a fresh key`);
    t.equal(count(db, 'responses') + count(db, 'held_responses'), 0, `${what}: nothing stored`);
  };

  comesBack(await post(undefined), 'blind (no cookie, no key)');
  const form = await openForm(app, poll.gridCode);
  comesBack(await post(form.key), 'the key without its cookie');
  comesBack(await post(undefined, form.cookies), 'the cookie without a key');
  comesBack(await post(`${form.key.slice(0, -1)}${form.key.endsWith('A') ? 'B' : 'A'}`, form.cookies), 'a tampered key');
  comesBack(await post('made-up-key-12345', form.cookies), 'a made-up key');
  const other = await openForm(app, poll.gridCode);
  comesBack(await post(other.key, form.cookies), "another device's key");
  const deviceId = app.unsignCookie(form.cookies.sp_dev).value ?? '';
  const binding = { deviceId, roundId: poll.round.id, gridId: poll.gridId };
  comesBack(await post(issueSubmissionKey(app.secret, binding, Date.now() - SUBMISSION_KEY_TTL_MS - 60_000), form.cookies), 'an expired key');
  comesBack(await post(issueSubmissionKey('not the secret', binding), form.cookies), 'a key made with another secret');

  const ok = await post(form.key, form.cookies);
  t.equal(ok.statusCode, 200);
  t.match(ok.body, poll.survey.thankYou);
  t.equal(count(db, 'responses'), 1, 'the served form, with its cookie, counts');

  const again = await post(form.key, form.cookies);
  t.equal(again.statusCode, 409, 'the same key again: this device has answered');
  t.match(again.body, '本设备本轮已提交');
  const stolen = await post(form.key, other.cookies);
  t.equal(stolen.statusCode, 422, 'a used key sent with another device comes back');
  t.match(stolen.body, NOTICE);
  t.equal(count(db, 'responses'), 1, 'a reused key stores nothing more');
});

t.test("a cross-site post gets the blank form, stores nothing and keeps the resident's device cookie", async (t) => {
  const { app, db, poll } = await setup(t);
  const answers = completeAnswers(poll.survey, { [poll.suggestionId]: '攻击者写的建议' });
  const form = await openForm(app, poll.gridCode);
  const forged = (headers: Record<string, string>, cookies: Record<string, string> = {}) =>
    app.inject({
      method: 'POST', url: `/g/${poll.gridCode}`, headers: { ...FORM, ...headers }, cookies,
      payload: formBody(answers, { shown: shownFor(poll.survey, answers), submission_key: form.key }),
    });
  const attacks: Array<[string, Record<string, string>]> = [
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }],
    ['Sec-Fetch-Site same-site (another subdomain)', { 'sec-fetch-site': 'same-site' }],
    ['an Origin of another host (older browser)', { origin: 'https://evil.example', referer: 'https://evil.example/x.html' }],
  ];
  for (const [what, headers] of attacks) {
    // The SameSite=Lax cookie does not travel with a cross-site post: the attack arrives without it.
    const res = await forged(headers);
    t.equal(res.statusCode, 303, `${what}: sent to the form`);
    t.equal(res.headers.location, `/g/${poll.gridCode}`, `${what}: the grid's own blank form`);
    t.notMatch(res.body, '攻击者写的建议', `${what}: no answer echoed`);
    t.notOk(res.headers['set-cookie'], `${what}: no device cookie set, the resident's own stays`);
  }
  t.equal(count(db, 'responses') + count(db, 'held_responses'), 0, 'nothing stored');
  // The redirect is a top-level GET: the resident's cookie comes with it and the form is blank.
  const blank = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}`, cookies: form.cookies });
  t.equal(blank.statusCode, 200);
  t.notMatch(blank.body, '攻击者写的建议', 'the form the resident sees is blank');
  t.notOk(blank.headers['set-cookie'], 'and keeps the device cookie');

  // The resident's own post (same-origin, or Origin null as older browsers send under no-referrer) still counts.
  const own = await forged({ 'sec-fetch-site': 'same-origin', origin: 'http://localhost:80' }, form.cookies);
  t.equal(own.statusCode, 200, 'a same-origin post is stored');
  t.match(own.body, poll.survey.thankYou);
  const second = await openForm(app, poll.gridCode);
  const legacy = await app.inject({
    method: 'POST', url: `/g/${poll.gridCode}`, headers: { ...FORM, origin: 'null' }, cookies: second.cookies,
    payload: formBody(answers, { shown: shownFor(poll.survey, answers), submission_key: second.key }),
  });
  t.equal(legacy.statusCode, 200, 'Origin: null alone is not taken as another site');
  // Behind a proxy that passes the request on under its own Host, the public address is the resident's own site.
  app.repos.settings.set('public_url', 'https://poll.example.gov.cn');
  const third = await openForm(app, poll.gridCode);
  const proxied = await app.inject({
    method: 'POST', url: `/g/${poll.gridCode}`, headers: { ...FORM, origin: 'https://poll.example.gov.cn' }, cookies: third.cookies,
    payload: formBody(answers, { shown: shownFor(poll.survey, answers), submission_key: third.key }),
  });
  t.equal(proxied.statusCode, 200, 'an Origin naming the configured public address is the site itself');
  t.equal(count(db, 'responses'), 3);
});

t.test('a resident whose browser dropped the cookie gets through on the second tap', async (t) => {
  const { app, db, poll } = await setup(t);
  const answers = completeAnswers(poll.survey);
  const form = await openForm(app, poll.gridCode);
  const body = (key: string) => formBody(answers, { shown: shownFor(poll.survey, answers), submission_key: key });
  // The cookie is gone (private mode, cleared storage): the post arrives with the key only.
  const first = await app.inject({ method: 'POST', url: `/g/${poll.gridCode}`, headers: FORM, payload: body(form.key) });
  t.equal(first.statusCode, 422);
  t.match(first.body, NOTICE);
  const cookies = deviceCookie(first);
  t.ok(cookies.sp_dev, 'the returned form sets a device cookie');
  const second = await app.inject({
    method: 'POST', url: `/g/${poll.gridCode}`, headers: FORM, cookies, payload: body(hiddenField(first.body, 'submission_key') ?? ''),
  });
  t.equal(second.statusCode, 200);
  t.match(second.body, poll.survey.thankYou);
  t.equal(count(db, 'responses'), 1);
});

t.test('one device answers once per round, not once per grid', async (t) => {
  // A round opened with two grids (a round keeps the grids it was opened with, so the second comes first).
  const { app, db, poll } = await pollApp(t, (repos, first) => {
    repos.units.importUnits([{ code: 'T-D01-01-02', name: '幸福社区第二网格', parentCode: 'T-D01-01', level: 'grid', population: 400, households: null }]);
    closeRoundById(repos, first.round.id);
    const township = repos.units.getByCode('T-D01');
    const draft = createRound(repos, { surveyVersionId: first.round.surveyVersionId, period: '2025-04', unitIds: [township?.id ?? 0] });
    openRoundById(repos, draft.id);
  });
  const answers = completeAnswers(poll.survey);
  const form = await openForm(app, poll.gridCode);
  const res = await app.inject({
    method: 'POST', url: `/g/${poll.gridCode}`, headers: FORM, cookies: form.cookies,
    payload: formBody(answers, { shown: shownFor(poll.survey, answers), submission_key: form.key }),
  });
  t.equal(res.statusCode, 200);

  const secondGrid = await app.inject({ method: 'GET', url: '/g/T-D01-01-02', cookies: form.cookies });
  t.equal(secondGrid.statusCode, 200);
  t.match(secondGrid.body, '本设备本轮已提交', 'the other grid of the round says this device has answered');
  t.notOk(secondGrid.body.includes('<form'), 'no form');
  const fresh = await openForm(app, 'T-D01-01-02');
  const posted = await app.inject({
    method: 'POST', url: '/g/T-D01-01-02', headers: FORM, cookies: form.cookies,
    payload: formBody(answers, { shown: shownFor(poll.survey, answers), submission_key: fresh.key }),
  });
  t.equal(posted.statusCode, 409);
  t.match(posted.body, '本设备本轮已提交');
  t.equal(count(db, 'responses'), 1, 'one response for the device in the round');
  t.ok(fresh.body.includes('<form'), 'another device still gets the form of that grid');
});

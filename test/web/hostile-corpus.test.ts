// A generated corpus of hostile requests against every kind of route: resident form, public and token API, staff pages
// and exports, each with prototype names, broken encodings, oversized fields, wrong types and forged headers. The
// product's promise is that bad input gets a 4xx (or an ordinary page), never a 500, and stores nothing.
import t from 'tap';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { pollApp } from '../kit/resident-poll.js';
import { logIn, bearer, issueToken, type StaffSession, PASSWORD } from '../kit/app.js';
import { count } from '../kit/resident.js';
import { BASELINE_PER_GRID, STUFFING_REPLAYS, stuffingApp } from '../kit/stuffing.js';
import { DEFAULT_INTEGRITY_SETTINGS } from '../../server/features/review/core/settings.js';

/** Text a hostile client puts where a code, a number or an answer belongs. */
const HOSTILE_VALUES = [
  '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', '__defineGetter__',
  '%', '%00', '%E4%B8', '%ZZ', '..%2F..%2Fetc%2Fpasswd', '<script>alert(1)</script>', "' OR 1=1 --", '"', '\\',
  '💥', '网格', '-1', '0', '1e309', 'NaN', 'Infinity', '[]', '{}', 'null', 'true', ' ', 'A'.repeat(300),
  '2026-13', '2026-H3', 'QH01-01-01,QH01-01-02', '%F0%9F%92%A5', '一三九八八八八七七七七',
];

/** Request bodies for the JSON submission API: wrong shapes, prototype keys, nesting, huge arrays. */
function jsonBodies(grid: string): unknown[] {
  return [
    { grid, answers: { Q1: [['A']] } },
    { grid, answers: { __proto__: { polluted: 1 } } },
    JSON.parse('{"grid":"' + grid + '","answers":{"__proto__":{"x":1},"constructor":{"prototype":{"y":2}}}}'),
    { grid, answers: 'all of them' },
    { grid, answers: null },
    { grid, answers: [1, 2, 3] },
    { grid, answers: { Q1: { codes: ['A'] } } },
    { grid, answers: { Q1: 1e309 } },
    { grid, answers: { Q1: Array.from({ length: 5000 }, () => 'A') } },
    { grid: { $ne: null }, answers: {} },
    { grid: '__proto__', answers: {} },
    { grid, answers: {}, submissionKey: { toString: 1 } },
    { grid, answers: { S1: 'A'.repeat(20_000) } },
    [],
    'just a string',
    null,
  ];
}

/** Form bodies for the resident form: prototype field names, repeated fields, oversized text, broken bytes. */
const FORM_BODIES: Array<string | Buffer> = [
  '__proto__=1&constructor=2&shown=__proto__',
  'shown=%E4%B8&submission_key=%00',
  `S9=${'长'.repeat(10_000)}`,
  'shown=' + 'Q1,'.repeat(2000),
  'submission_key=a&submission_key=b&invite=x&invite=y',
  'Q1=__proto__&Q2=constructor&shown=Q1,Q2',
  Buffer.from([0x51, 0x31, 0x3d, 0xff, 0xfe, 0x26, 0x51, 0x32, 0x3d, 0xc3]),
  '%%%%=%%%%',
  '',
];

const HEADER_VARIANTS: Array<Record<string, string>> = [
  {},
  { host: 'evil.example' },
  { host: `h${'x'.repeat(2400)}.example` },
  { 'x-forwarded-for': '1.1.1.1, __proto__, ::ffff:999.1.1.1', 'x-forwarded-proto': 'gopher' },
  { cookie: 'sp_device=__proto__; sp_session=%E4%B8; sp_csrf=constructor' },
  { 'accept-language': '__proto__', accept: 'application/json;q=__proto__' },
  // A cross-site auto-submit (and an origin that is not a URL).
  { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example', referer: 'https://evil.example/x.html' },
  { origin: 'not a url' },
];

interface CorpusTarget {
  app: FastifyInstance;
  round: string;
  grid: string;
  staff: StaffSession;
  /** A whole-district API token: the API's handlers see the hostile bodies, not only its credential check. */
  token: string;
}

let addressCounter = 0;
/** A fresh client address per request, so the per-address rate limits do not stop the corpus before the handlers. */
function nextAddress(): string {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

function urlsFor(v: string, round: string, grid: string): string[] {
  const e = v.startsWith('%') ? v : encodeURIComponent(v);
  return [
    `/g/${e}`,
    `/g/${grid}?invite=${e}`,
    `/api/grids/${e}/questionnaire`,
    `/api/rounds?state=${e}`,
    `/api/rounds/${round}/results?unit=${e}`,
    `/api/rounds/${e}/results?unit=T-D`,
    `/rounds/${e}`,
    `/rounds/${round}/bulletin?unit=${e}`,
    `/rounds/${round}/export.csv?level=${e}&unit=${e}`,
    `/rounds/${round}/export.xlsx?unit=${e}`,
    `/rounds/${round}/responses.csv?unit=${e}`,
    `/rounds/${round}/links?township=${e}&village=${e}`,
    `/rounds/${round}/links/${e}/poster`,
    `/receipts?round=${e}&page=${e}&state=${e}`,
    `/summary?survey=${e}&end=${e}`,
    `/bulletins?unit=${e}`,
    `/units?level=${e}`,
    `/g/${grid}?size=${e}`,
    `/rounds/${round}/bulletin.docx?unit=${e}`,
    `/summary.docx?survey=${e}&end=${e}&unit=${e}`,
    `/rounds/${round}/ranking.png?unit=${e}&level=${e}`,
    `/rounds/${round}/posters?unit=${e}&per=${e}`,
    `/rounds/${round}/document?unit=${e}&kind=${e}`,
    `/documents/${e}/file`,
    `/forecast?target=${e}&score=${e}&rank=${e}&p=${e}`,
    `/api/forecast?target=${e}&score=${e}&rank=${e}&p=${e}`,
    `/api/rounds/${e}/forecast`,
    // A number where a page or id belongs, alone (page=1e309 was a 500: test/web/numeric-query.test.ts).
    `/receipts?page=${e}`,
    `/roster?page=${e}&imported=${e}&marked=${e}`,
    `/receipts/${e}`,
  ];
}

function* corpus(target: CorpusTarget): Generator<InjectOptions> {
  const { round, grid, staff, token } = target;
  for (const plain of HEADER_VARIANTS) {
    const headers: Record<string, string> = { ...plain, ...bearer(token) };
    for (const v of HOSTILE_VALUES) {
      for (const url of urlsFor(v, round, grid)) {
        yield { method: 'GET', url, headers: { ...headers, cookie: headers.cookie ?? cookieHeader(staff) } };
      }
    }
    for (const v of HOSTILE_VALUES) {
      const json = { ...headers, 'content-type': 'application/json' };
      for (const body of [{ grid: v, answers: {} }, { grid, answers: { Q1: v } }, { grid, answers: { S1: v, Q1: [v] } }, { grid, answers: { [v]: v } }]) {
        yield { method: 'POST', url: `/api/rounds/${round}/responses`, headers: json, payload: JSON.stringify(body) };
      }
      const form = { ...headers, 'content-type': 'application/x-www-form-urlencoded' };
      const e = encodeURIComponent(v);
      for (const field of ['S1', 'Q1', 'shown', 'submission_key', 'invite', e]) {
        yield { method: 'POST', url: `/g/${grid}`, headers: form, payload: `${field}=${e}&shown=S1,Q1` };
      }
    }
    for (const body of jsonBodies(grid)) {
      yield { method: 'POST', url: `/api/rounds/${round}/responses`, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(body) };
    }
    for (const body of FORM_BODIES) {
      const form = { ...headers, 'content-type': 'application/x-www-form-urlencoded' };
      yield { method: 'POST', url: `/g/${grid}`, headers: form, payload: body };
      yield { method: 'POST', url: `/g/${grid}`, headers: { ...form, origin: 'https://evil.example' }, payload: body };
      yield { method: 'POST', url: `/g/__proto__`, headers: form, payload: body };
      yield { method: 'POST', url: `/login`, headers: form, payload: body };
      yield { method: 'POST', url: `/rounds/${round}/close`, headers: { ...form, cookie: cookieHeader(staff) }, payload: body };
    }
    yield { method: 'POST', url: `/api/rounds/${round}/responses`, headers: { ...headers, 'content-type': 'application/json' }, payload: '{"grid":' };
    yield { method: 'POST', url: `/api/rounds/${round}/responses`, headers: { ...headers, 'content-type': 'text/plain' }, payload: 'grid=x' };
  }
}

function cookieHeader(staff: StaffSession): string {
  return Object.entries(staff.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
}

t.test('a generated hostile corpus gets no 5xx and stores nothing', async (t) => {
  let token = '';
  const { app, db, poll } = await pollApp(t, (repos) => {
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    token = issueToken(repos, null);
  });
  const staff = await logIn(app, 'committee', PASSWORD);
  const target: CorpusTarget = { app, round: poll.round.code, grid: poll.gridCode, staff, token };
  const before = { responses: count(db, 'responses'), receipts: count(db, 'receipts') };
  const failures: string[] = [];
  let sent = 0;
  const byStatus = new Map<number, number>();
  for (const request of corpus(target)) {
    const res = await app.inject({ ...request, remoteAddress: nextAddress() });
    sent += 1;
    byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
    if (res.statusCode >= 500) failures.push(`${res.statusCode} ${request.method} ${String(request.url).slice(0, 120)}: ${res.body.slice(0, 160)}`);
  }
  t.comment(`hostile corpus: ${sent} requests, ${failures.length} answered with 5xx`);
  t.comment(`by status: ${[...byStatus].sort(([a], [b]) => a - b).map(([code, n]) => `${code}×${n}`).join(' ')}`);
  t.ok(sent >= 5000, `the corpus has at least 5,000 requests (${sent})`);
  t.same(failures.slice(0, 20), [], "no request got a 5xx");
  t.same({ responses: count(db, 'responses'), receipts: count(db, 'receipts') }, before, 'nothing was stored');
  const round = db.prepare<[string], { state: string }>('SELECT state FROM rounds WHERE code = ?').get(poll.round.code);
  t.equal(round?.state, 'open', 'no forged close went through');
});

// Ballot stuffing (docs/rules.md#review-across-grids-and-the-round): each measured attack replayed as the script sent
// it (test/kit/stuffing.ts). No post gets a 5xx, and no more than the review's threshold is counted without review.
for (const replay of STUFFING_REPLAYS) {
  t.test(`stuffing: ${replay.name}`, async (t) => {
    const { app, db, poll } = await stuffingApp(t);
    const baseline = count(db, 'responses');
    t.equal(baseline, (poll.targetGrids.length + poll.otherGrids.length) * BASELINE_PER_GRID);
    const statuses = await replay.send(app, poll);
    t.same(statuses.filter((s) => s >= 500), [], 'no 5xx');
    t.ok(count(db, 'responses') - baseline <= replay.maxCounted(DEFAULT_INTEGRITY_SETTINGS), 'at most the threshold counted without review');
  });
}

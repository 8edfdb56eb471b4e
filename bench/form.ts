// Resident form benchmark: the form page and durable submissions, each against bare Fastify doing the same kind of
// request on the same machine in the same run. Targets: form page ≥ 50% and durable submission ≥ 30% of
// bare Fastify's requests per second; form page ≤ 40 KB of HTML and CSS.
// Submissions come from SUBMIT_CONNECTIONS simultaneous clients, the same number for bare Fastify and for SafePoll:
// residents answer on their own phones, many at once, and a durable submission waits for its commit (group commit
// writes a batch of waiting submissions per disk flush). The form page GETs use lib.ts's default of 10.
// Compression (a slow network): the form page ≤ 6 KB in gzip and in br, and its GETs with Accept-Encoding: gzip ≥ 50% of
// bare Fastify sending the same gzip bytes (the form is compressed once per cache entry, not per request).
import Fastify from 'fastify';
import formbody from '@fastify/formbody';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { paths } from '../server/paths.js';
import { openDatabase } from '../server/platform/db.js';
import { createRepos } from '../server/platform/repos.js';
import type { UnitRow } from '../server/core/units/unit.js';
import { DEVICE_COOKIE, newSubmissionKey } from '../server/features/resident-form/device.js';
import { issueSubmissionKey } from '../server/features/resident-form/submission-key.js';
import { cpuComparison, load, ratio, verdict, type Log } from './lib.js';
import { createRound, openRoundById } from '../server/features/rounds/rounds-service.js';

const GRIDS = 50;
/** Simultaneous submitting clients, for both servers (see the header). */
const SUBMIT_CONNECTIONS = 50;

function benchUnits(): UnitRow[] {
  const rows: UnitRow[] = [{ code: 'B', name: '基准区', parentCode: null, level: 'district', population: null, households: null }];
  for (let t = 1; t <= 2; t++) {
    rows.push({ code: `B${t}`, name: `基准镇${t}`, parentCode: 'B', level: 'township', population: null, households: null });
    for (let v = 1; v <= 5; v++) {
      rows.push({ code: `B${t}-${v}`, name: `基准村${t}-${v}`, parentCode: `B${t}`, level: 'village', population: null, households: null });
      for (let g = 1; g <= GRIDS / 10; g++) {
        rows.push({ code: `B${t}-${v}-${g}`, name: `第${g}网格`, parentCode: `B${t}-${v}`, level: 'grid', population: 1000 + g * 100, households: 300 });
      }
    }
  }
  return rows;
}

/** A valid complete answer built from the rendered form: screening passes, the first option of every question. */
function answerFromPage(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[m[1]] = m[2];
  for (const m of html.matchAll(/<input[^>]*type="(?:radio|checkbox)"[^>]*name="(q_[^"]+)"[^>]*value="([^"]*)"/g)) {
    if (!(m[1] in fields)) fields[m[1]] = m[2];
  }
  fields.q_Q15 = '希望晚上多巡逻，小区门口的路灯坏了。';
  return fields;
}

/** A GET's status, Content-Encoding and body bytes as sent (fetch would unpack them). */
function rawGet(url: string, acceptEncoding: string): Promise<{ status: number; encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Bare Fastify doing the same kind of request: the form page served as a static string of the same bytes, and the
 * same urlencoded body parsed and answered with the same thank-you page — no database, no template, no hooks.
 */
async function bareFastify(formPage: string, thanksPage: string, formPageGzip: Buffer) {
  const bare = Fastify({ logger: false });
  // Bytes, not strings: bare Fastify at its fastest, with nothing to encode per request.
  const formPageBytes = Buffer.from(formPage);
  const thanksPageBytes = Buffer.from(thanksPage);
  await bare.register(formbody);
  bare.get('/g/:gridCode', async (_req, reply) => reply.type('text/html; charset=utf-8').send(formPageBytes));
  bare.get('/gz/:gridCode', async (_req, reply) =>
    reply.type('text/html; charset=utf-8').header('content-encoding', 'gzip').header('vary', 'Accept-Encoding').send(formPageGzip));
  bare.post('/g/:gridCode', async (req, reply) => {
    if (typeof req.body !== 'object' || req.body === null) return reply.code(400).send();
    return reply.type('text/html; charset=utf-8').send(thanksPageBytes);
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const address = bare.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app: bare, url: `http://127.0.0.1:${port}` };
}

export async function run(log: Log): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'safepoll-bench-'));
  const db = openDatabase(join(dir, 'bench.db'));
  const repos = createRepos(db);
  repos.surveys.syncFromDirectory(paths.surveys);
  repos.units.importUnits(benchUnits());
  const version = repos.surveys.latest('hunan-100');
  const district = repos.units.getByCode('B');
  if (!version || !district) throw new Error('bench setup failed');
  const round = createRound(repos, { surveyVersionId: version.versionId, period: '2026-11', unitIds: [district.id], quotaPerGrid: 10000 });
  openRoundById(repos, round.id);
  // Every bench submission gives the same answers from a new device: the anomaly review would hold nearly all of
  // them (identical answers, a burst per grid). Here the counted path is measured, so its thresholds are set out of
  // reach; the review's own cost (judging each arrival) is still paid.
  const unreachable = 100_000; // the highest each field takes (features/review/core/settings.ts)
  repos.review.saveSettings(round.id, round.code, {
    burstMadMultiplier: 100, burstMinPerHour: unreachable, networkMaxPerGridHour: unreachable, quotaMultiple: 1000,
    patternWindowMinutes: 1, patternMaxInWindow: unreachable,
    networkMaxGridsPerRound: unreachable, networkMaxPerRound: unreachable, areaBurstMinPerHour: unreachable,
  }, null);
  const gridUnits = repos.units.descendants(district.id, 'grid');
  const grids = gridUnits.map((g) => g.code);

  const app = await buildApp({ db, config: { ...loadConfig({}), seedDemo: false, logLevel: 'silent', trustProxy: 1, secret: 'bench-secret'.padEnd(40, 'x') } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

  let bare: Awaited<ReturnType<typeof bareFastify>> | undefined;

  try {
    // One real form and one real submission: bare Fastify serves their pages, the same bytes.
    const html = await (await fetch(`${url}/g/${grids[0]}`)).text();
    const answers = answerFromPage(html);
    // A served form counts only with the device cookie it was served to (features/resident-form/submission-key.ts).
    const served = (i: number) => {
      const deviceId = newSubmissionKey();
      const key = issueSubmissionKey(app.secret, { deviceId, roundId: round.id, gridId: gridUnits[i % grids.length].id });
      return { cookie: `${DEVICE_COOKIE}=${encodeURIComponent(app.signCookie(deviceId))}`, key };
    };
    const first = served(0);
    const thanks = await fetch(`${url}/g/${grids[0]}`, {
      method: 'POST', headers: { ...formHeaders, cookie: first.cookie }, body: form({ ...answers, submission_key: first.key }),
    });
    const thanksPage = await thanks.text();
    if (thanks.status !== 200) throw new Error(`bench submission refused (${thanks.status}): ${thanksPage.slice(0, 200)}`);
    const gzip = await rawGet(`${url}/g/${grids[0]}`, 'gzip');
    const br = await rawGet(`${url}/g/${grids[0]}`, 'br');
    if (gzip.encoding !== 'gzip' || br.encoding !== 'br') throw new Error(`form page not compressed (gzip: ${gzip.encoding}, br: ${br.encoding})`);
    bare = await bareFastify(html, thanksPage, gzip.body);

    const bytes = Buffer.byteLength(html);
    log(`form page size: ${(bytes / 1024).toFixed(1)} KB of HTML and CSS (target ≤ 40 KB) ${verdict(bytes <= 40 * 1024)}`);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    log(`form page compressed: gzip ${kb(gzip.body.length)}, br ${kb(br.body.length)} (target ≤ 6 KB each) ${verdict(gzip.body.length <= 6 * 1024 && br.body.length <= 6 * 1024)}`);

    const bareGet = await load({ url: `${bare.url}/g/${grids[0]}` });
    const formGet = await load({ url: `${url}/g/${grids[0]}` });
    log(`bare Fastify GET: ${bareGet.rps.toFixed(0)} req/s`);
    log(`form page GET:    ${formGet.rps.toFixed(0)} req/s, p99 ${formGet.p99ms} ms, non-2xx ${formGet.non2xx} = ${ratio(formGet.rps, bareGet.rps)} of bare (target ≥ 50%) ${verdict(formGet.rps >= 0.5 * bareGet.rps && formGet.non2xx === 0)}`);
    const gzipHeaders = { 'accept-encoding': 'gzip' };
    const bareGzipGet = await load({ url: `${bare.url}/gz/${grids[0]}`, headers: gzipHeaders });
    const formGzipGet = await load({ url: `${url}/g/${grids[0]}`, headers: gzipHeaders });
    log(`bare Fastify GET, same gzip bytes: ${bareGzipGet.rps.toFixed(0)} req/s`);
    log(`form page GET, gzip: ${formGzipGet.rps.toFixed(0)} req/s, p99 ${formGzipGet.p99ms} ms, non-2xx ${formGzipGet.non2xx} = ${ratio(formGzipGet.rps, bareGzipGet.rps)} of bare (target ≥ 50%) ${verdict(formGzipGet.rps >= 0.5 * bareGzipGet.rps && formGzipGet.non2xx === 0)}`);

    // Both servers get the same stream of submissions, so the client does the same (little) work for each.
    const { submission_key: _key, ...fixed } = answers;
    const bodyBeforeKey = `${form(fixed)}&submission_key=`;
    const submissions = (base: string) => {
      let i = 0;
      return load({
        url: base,
        connections: SUBMIT_CONNECTIONS,
        method: 'POST',
        headers: formHeaders,
        requests: [
          {
            setupRequest: (req) => {
              i += 1;
              // Residents come from many addresses: the one proxy the app trusts (SAFEPOLL_TRUST_PROXY=1) appends each to
              // X-Forwarded-For. The per-IP limit (60 a minute) is
              // not measured here, so no address comes back within the run.
              const client = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
              // Every request a new device with the key of the form served to it, spread over the grids.
              const device = served(i);
              const headers = { ...req.headers, 'x-forwarded-for': client, cookie: device.cookie };
              return { ...req, headers, path: `/g/${grids[i % grids.length]}`, body: bodyBeforeKey + device.key };
            },
          },
        ],
      });
    };
    const barePost = await submissions(bare.url);
    const before = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM responses').get()?.n ?? 0;
    const submit = await submissions(url);
    const stored = (db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM responses').get()?.n ?? 0) - before;
    log(`bare Fastify POST: ${barePost.rps.toFixed(0)} req/s (${SUBMIT_CONNECTIONS} connections)`);
    log(`durable submit:   ${submit.rps.toFixed(0)} req/s (${SUBMIT_CONNECTIONS} connections), p99 ${submit.p99ms} ms, ${stored} responses stored, non-2xx ${submit.non2xx} = ${ratio(submit.rps, barePost.rps)} of bare (target ≥ 30%) ${verdict(submit.rps >= 0.3 * barePost.rps && submit.non2xx === 0)}`);
    log(`  ${cpuComparison(submit, barePost)}`);
  } finally {
    await app.close();
    await bare?.app.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

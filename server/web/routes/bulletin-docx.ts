// The bulletin and the half-year summary as Word notices (公文 .docx), beside their pages and under the same access
// rules: the round and unit are found, and the unit checked against the user's scope, exactly as the pages do.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canSeeUnit } from '../../domain/auth/scope.js';
import { bulletinContent } from '../../domain/bulletin/content.js';
import { getResultsSeries, getRoundResults } from '../../services/round-results.js';
import { liveResultsReady } from '../../services/live-results.js';
import { sweepCategoryResults } from '../../services/sweep-results.js';
import { bulletinView } from '../view-models/bulletin.js';
import { buildSummary } from '../view-models/summary.js';
import { RoundParams } from '../schemas/staff.js';
import { BulletinQuery, SummaryQuery } from '../schemas/bulletin.js';
import { RoundNotFound } from '../errors.js';
import { staffUser } from './staff/context.js';
import { bulletinForecast, pageUnit, roundByCode, summaryEndRound, surveyOf, sweepOf } from './bulletin-lookup.js';
import { roundCallbackTally } from './staff/callbacks-view.js';
import { attachment } from './exports.js';
import { issuingMark } from './document-mark.js';
import { bulletinDocx } from '../docx/bulletin-docx.js';
import { summaryDocx } from '../docx/summary-docx.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const docxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/rounds/:code/bulletin.docx', { schema: { params: RoundParams, querystring: BulletinQuery, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundByCode(app, request.params.code);
    await liveResultsReady(app.repos, round);
    const results = getRoundResults(app.repos, round);
    const unit = pageUnit(app, user, results, request.query.unit);
    const content = bulletinContent({
      round,
      survey: surveyOf(app, round),
      results,
      series: getResultsSeries(app.repos, round, 6),
      unit,
      callbacks: roundCallbackTally(app, round),
    });
    const view = bulletinView(content, (code) => {
      const u = app.repos.units.getByCode(code);
      return u !== undefined && canSeeUnit(user, u.id, app.repos.units);
    });
    const mark = issuingMark(app, request, user, { round, unitCode: unit.code, kind: 'bulletin' });
    const buffer = await bulletinDocx(content, view, mark, bulletinForecast(app, user, round, unit));
    return attachment(reply, `${view.title}.docx`, DOCX).send(buffer);
  });

  app.get('/summary.docx', { schema: { querystring: SummaryQuery, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const end = summaryEndRound(app, request.query.survey, request.query.end);
    if (!end) throw new RoundNotFound('月度民调（尚无已结束的月度轮次）');
    await liveResultsReady(app.repos, end);
    const found = getResultsSeries(app.repos, end, 6);
    const series = found.length > 0 ? found : [getRoundResults(app.repos, end)];
    const unit = pageUnit(app, user, series[series.length - 1], request.query.unit);
    const sweep = sweepOf(app, series.map((r) => r.period));
    const view = buildSummary({
      survey: surveyOf(app, end),
      series,
      unit,
      sweep: sweep && { ...sweep, categories: sweepCategoryResults(app.repos, sweep.round, sweep.survey, unit.code) },
    });
    const mark = issuingMark(app, request, user, { round: end, unitCode: unit.code, kind: 'summary' });
    const buffer = await summaryDocx(view, unit.level, mark);
    return attachment(reply, `${view.title}.docx`, DOCX).send(buffer);
  });
};

export default docxRoutes;

// The monthly bulletin (一月一通报) of a round for one unit, and the half-year summary (半年一小结). Registered inside
// the authenticated staff scope; the export files (XLSX, CSV, raw responses) come from ./exports.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canSeeUnit } from '../../domain/auth/scope.js';
import { getResultsSeries, getRoundResults } from '../../services/round-results.js';
import { liveResultsReady } from '../../services/live-results.js';
import { buildBulletin } from '../view-models/bulletin.js';
import { buildSummary } from '../view-models/summary.js';
import { RoundParams } from '../schemas/staff.js';
import { BulletinQuery, SummaryQuery } from '../schemas/bulletin.js';
import { STAFF_LAYOUT, staffUser } from './staff/context.js';
import { bulletinForecast, pageUnit, roundByCode, summaryEndRound, surveyOf, sweepOf } from './bulletin-lookup.js';
import exportRoutes from './exports.js';
import docxRoutes from './bulletin-docx.js';
import { noticeLinks } from './document-mark.js';
import rankingImageRoutes from './ranking-image.js';
import { roundCallbackTally } from './staff/callbacks-view.js';
import { sweepCategoryResults } from '../../services/sweep-results.js';

const bulletinRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(exportRoutes);
  await app.register(docxRoutes);
  await app.register(rankingImageRoutes);

  const canOpen = (user: Parameters<typeof canSeeUnit>[0]) => (code: string): boolean => {
    const unit = app.repos.units.getByCode(code);
    return unit !== undefined && canSeeUnit(user, unit.id, app.repos.units);
  };

  app.get('/rounds/:code/bulletin', { schema: { params: RoundParams, querystring: BulletinQuery, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundByCode(app, request.params.code);
    await liveResultsReady(app.repos, round);
    const results = getRoundResults(app.repos, round);
    const unit = pageUnit(app, user, results, request.query.unit);
    const view = buildBulletin({
      round,
      survey: surveyOf(app, round),
      results,
      series: getResultsSeries(app.repos, round, 6),
      unit,
      callbacks: roundCallbackTally(app, round),
      canOpen: canOpen(user),
    });
    const notice = noticeLinks(app, user, { round, unitCode: unit.code, kind: 'bulletin' });
    const forecast = bulletinForecast(app, user, round, unit);
    return reply.view('bulletin/round', { ...view, user, notice, forecast }, STAFF_LAYOUT);
  });

  app.get('/summary', { schema: { querystring: SummaryQuery, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const end = summaryEndRound(app, request.query.survey, request.query.end);
    if (!end) {
      return reply.view('bulletin/summary-none', { title: '半年小结', nav: 'bulletins', user }, STAFF_LAYOUT);
    }
    await liveResultsReady(app.repos, end);
    const found = getResultsSeries(app.repos, end, 6);
    const series = found.length > 0 ? found : [getRoundResults(app.repos, end)];
    const last = series[series.length - 1];
    const unit = pageUnit(app, user, last, request.query.unit);
    const sweep = sweepOf(app, series.map((r) => r.period));
    const view = buildSummary({
      survey: surveyOf(app, end),
      series,
      unit,
      sweep: sweep && { ...sweep, categories: sweepCategoryResults(app.repos, sweep.round, sweep.survey, unit.code) },
    });
    const notice = noticeLinks(app, user, { round: end, unitCode: unit.code, kind: 'summary' });
    return reply.view('bulletin/summary', { ...view, user, notice }, STAFF_LAYOUT);
  });
};

export default bulletinRoutes;

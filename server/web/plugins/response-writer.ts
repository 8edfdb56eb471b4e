// The one writer of web submissions (resident form and JSON API): group commit, see services/response-writer.ts,
// and the submission service every route goes through (services/submissions.ts).
// On close it writes what is still pending, before the database is closed after the app.
import fp from 'fastify-plugin';
import { ResponseWriter } from '../../services/response-writer.js';
import { SubmissionService } from '../../services/submissions.js';
import { ArrivalWatch } from '../../services/arrival-watch.js';

declare module 'fastify' {
  interface FastifyInstance {
    responseWriter: ResponseWriter;
    submissions: SubmissionService;
    /** Judges arrivals for anomaly review (services/arrival-watch.ts); one per app, so every route shares its windows. */
    arrivalWatch: ArrivalWatch;
  }
}

export default fp(
  async (app) => {
    const writer = new ResponseWriter(app.db, app.repos.responses);
    app.decorate('responseWriter', writer);
    const watch = new ArrivalWatch(app.repos, app.secret);
    app.decorate('arrivalWatch', watch);
    app.decorate('submissions', new SubmissionService(app.db, app.repos, writer, watch));
    app.addHook('onClose', async () => writer.close());
  },
  { name: 'safepoll-response-writer', dependencies: ['safepoll-storage'] },
);

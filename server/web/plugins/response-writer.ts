// The one writer of web submissions (resident form and JSON API): group commit, see features/responses/response-writer.ts,
// and the submission service every route goes through (features/responses/submissions.ts).
// A database file is written on the writer's own thread (platform/writer-thread.ts); one in memory, which no other
// thread can open, on this one. On close it writes what is still pending, before the database is closed after the app.
import fp from 'fastify-plugin';
import { ResponseWriter } from '../../features/responses/response-writer.js';
import { WriterThread } from '../../platform/writer-thread.js';
import { SubmissionService } from '../../features/responses/submissions.js';
import { ArrivalWatch } from '../../features/review/arrival-watch.js';

declare module 'fastify' {
  interface FastifyInstance {
    responseWriter: ResponseWriter | WriterThread;
    submissions: SubmissionService;
  }
}

export default fp(
  async (app) => {
    // The arrival watch lives with the writer, which judges each web arrival as it stores it: on the writer's thread
    // for a database file, here for one in memory.
    const writer: ResponseWriter | WriterThread = app.db.memory
      ? new ResponseWriter(app.db, app.repos.responses, new ArrivalWatch(app.repos, app.secret))
      : new WriterThread(app.db.name, app.secret);
    app.decorate<ResponseWriter | WriterThread>('responseWriter', writer);
    app.decorate('submissions', new SubmissionService(app.db, app.repos, writer));
    app.addHook('onClose', async () => writer.close());
  },
  { name: 'safepoll-response-writer', dependencies: ['safepoll-storage'] },
);

// Importing into the roster from the staff page: a pasted CSV (a plain form) or an uploaded CSV/XLSX file (multipart,
// read by ../../multipart.ts). Either way every row is checked first; a refused file re-shows the page with every
// problem (line, column, problem — numbers masked) and stores nothing: 413 for a file too large to read, 422 for one
// with too many rows, 400 for problems in its rows (docs/rules.md#upload-limits).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canEditRoster } from '../core/access.js';
import { MAX_ROSTER_FILE_BYTES } from '../../../core/tables/table-file.js';
import { importRoster } from '../roster-import.js';
import { parseMultipart, uploadedFile } from '../../../web/multipart.js';
import { MAX_PASTE_CHARS, RosterPasteBody, RosterUploadBody } from '../schemas.js';
import { BadRequest, Forbidden } from '../../../web/errors.js';
import { STAFF_LAYOUT, staffUser } from '../../../web/staff/context.js';
import { renderRoster } from './roster-page.js';

const rosterImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Only in this plugin: the upload form's body.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: MAX_ROSTER_FILE_BYTES + 64 * 1024 }, (request, body, done) => {
    try {
      done(null, parseMultipart(Buffer.isBuffer(body) ? body : Buffer.from(body), String(request.headers['content-type'] ?? '')));
    } catch (err) {
      done(err instanceof Error ? err : new Error(String(err)), undefined);
    }
  });

  /** The importing staff member; grid workers and accounts without a unit are refused before the body is looked at. */
  function importer(request: FastifyRequest) {
    const user = staffUser(request);
    if (!canEditRoster(user)) throw new Forbidden();
    return user;
  }

  /** Imports the bytes; a refused file re-shows the page with its problems (and a pasted text back in its box). */
  async function runImport(request: FastifyRequest, reply: FastifyReply, bytes: Buffer, source: string, pastedCsv?: string) {
    const user = importer(request);
    // Read, checked and stored in a table worker on its own connection, with the server's keys (a database held in
    // memory has no other connection: there the import runs in this thread).
    const database = app.repos.contacts.databaseFile();
    const offLoop = database === undefined ? undefined : { database, secret: app.config.secret, rosterKey: app.config.rosterKey };
    // The account's own fields only: the importer crosses to the worker as a message.
    const by = { user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, unitId: user.unitId }, source };
    const outcome = await importRoster(app.repos, bytes, by, offLoop);
    if (outcome.ok) return reply.redirect(`/roster?imported=${outcome.imported}`, 303);
    const data = await renderRoster(app, request, {}, { importErrors: outcome.errors, pastedCsv });
    // The pasted text holds numbers in clear: this page is never cached.
    reply.header('cache-control', 'no-store');
    return reply.code(outcome.status ?? 400).view('staff/roster', { title: '民调数据库', nav: 'roster', ...data }, STAFF_LAYOUT);
  }

  app.post('/roster/import', { bodyLimit: MAX_PASTE_CHARS * 4, schema: { body: RosterPasteBody, hide: true } }, async (request, reply) => {
    importer(request);
    if (request.body.csv.trim() === '') throw new BadRequest('请粘贴要导入的 CSV 内容（第一行为表头）');
    return runImport(request, reply, Buffer.from(request.body.csv, 'utf8'), 'web-paste', request.body.csv);
  });

  app.post('/roster/upload', { bodyLimit: MAX_ROSTER_FILE_BYTES + 64 * 1024, schema: { body: RosterUploadBody, hide: true } }, async (request, reply) => {
    importer(request);
    const file = uploadedFile(request.body, 'file');
    if (!file) throw new BadRequest('请选择要上传的 CSV 或 Excel（.xlsx）文件');
    return runImport(request, reply, file.data, 'web-upload');
  });
};

export default rosterImportRoutes;

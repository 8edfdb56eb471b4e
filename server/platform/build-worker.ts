// A worker thread that builds files for download off the server's event loop (outputs/build-jobs.ts): packing a Word
// notice (the docx library zips synchronously), writing the bulletin workbook (exceljs) and drawing pictures (resvg,
// and the font subset before it) held the loop 100–400 ms each on the demo district (bench/event-loop.ts, 2026-12-07).
// A data file for statisticians (features/results/data-file-job.ts) is read here too, on a connection of this
// worker's own to the database file the request names, kept for the next one.
// Kept by build-pool.ts, which ends it when a build runs out of time. One job at a time.
import { parentPort } from 'node:worker_threads';
import { BUILD_KINDS, runBuild, type BuildJob } from '../outputs/build-jobs.js';
import type { DataFileJob } from '../features/results/data-file-job.js';
import { workerRepos } from './worker-repos.js';

export type BuildWorkerRequest = { type: 'build'; job: BuildJob | DataFileJob; database?: string };
export type BuildWorkerReply = { type: 'ready' } | { type: 'built'; bytes: Uint8Array } | { type: 'error'; message: string };

function isBuildRequest(value: unknown): value is BuildWorkerRequest {
  if (typeof value !== 'object' || value === null || !('type' in value) || value.type !== 'build' || !('job' in value)) return false;
  const job = value.job;
  if (typeof job !== 'object' || job === null || !('kind' in job)) return false;
  return job.kind === 'data-file' ? 'database' in value && typeof value.database === 'string' : BUILD_KINDS.has(job.kind as BuildJob['kind']);
}

function send(reply: BuildWorkerReply): void {
  parentPort?.postMessage(reply);
}

async function build(request: BuildWorkerRequest): Promise<Buffer> {
  const { job } = request;
  if (job.kind !== 'data-file') return runBuild(job);
  const { buildDataFile } = await import('../features/results/data-file-job.js');
  return buildDataFile(await workerRepos(request.database ?? ''), job);
}

parentPort?.on('message', (message: unknown) => {
  if (!isBuildRequest(message)) {
    send({ type: 'error', message: 'not a build request' });
    return;
  }
  build(message)
    .then((bytes) => send({ type: 'built', bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) }))
    .catch((err: unknown) => send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
});

send({ type: 'ready' });

// A worker thread that builds files for download off the server's event loop (outputs/build-jobs.ts): packing a Word
// notice (the docx library zips synchronously), writing the bulletin workbook (exceljs) and drawing pictures (resvg,
// and the font subset before it) held the loop 100–400 ms each on the demo district (bench/event-loop.ts, 2026-12-07).
// Kept by build-pool.ts, which ends it when a build runs out of time. One job at a time.
import { parentPort } from 'node:worker_threads';
import { BUILD_KINDS, runBuild, type BuildJob } from '../outputs/build-jobs.js';

export type BuildWorkerReply = { type: 'ready' } | { type: 'built'; bytes: Uint8Array } | { type: 'error'; message: string };

function isBuildRequest(value: unknown): value is { type: 'build'; job: BuildJob } {
  if (typeof value !== 'object' || value === null || !('type' in value) || value.type !== 'build' || !('job' in value)) return false;
  const job = value.job;
  return typeof job === 'object' && job !== null && 'kind' in job && BUILD_KINDS.has(job.kind as BuildJob['kind']);
}

function send(reply: BuildWorkerReply): void {
  parentPort?.postMessage(reply);
}

parentPort?.on('message', (message: unknown) => {
  if (!isBuildRequest(message)) {
    send({ type: 'error', message: 'not a build request' });
    return;
  }
  runBuild(message.job)
    .then((bytes) => send({ type: 'built', bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) }))
    .catch((err: unknown) => send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
});

send({ type: 'ready' });

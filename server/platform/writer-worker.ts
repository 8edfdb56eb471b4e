// The response writer's thread: the group-commit writer (response-writer.ts) on a connection of its own, so the
// server's event loop spends no time judging arrivals for anomaly review, inserting rows, committing or waiting on
// the disk; on the two-core machines the committees run, that work takes the other core. It answers each response
// once the FULL commit of its batch returned (its WAL on disk), exactly as the writer does on the server's thread
// for a database in memory (writer-thread.ts is the server's side).
import { parentPort, workerData } from 'node:worker_threads';
import { openConnection } from './db.js';
import type { NewResponse } from '../features/responses/responses-repo.js';
import { createRepos } from './repos.js';
import { ArrivalWatch } from '../features/review/arrival-watch.js';
import type { Survey } from '../core/survey/model.js';
import { ofRound } from '../features/surveys/surveys-service.js';
import { ResponseWriter } from '../features/responses/response-writer.js';
import { isWriterRequest, unpackAnswers, wireError, type WireResponse, type WriterReply } from './writer-protocol.js';

function settingsOf(data: unknown): { file: string; secret: string } {
  if (typeof data !== 'object' || data === null || !('file' in data) || typeof data.file !== 'string' || !('secret' in data) || typeof data.secret !== 'string') {
    throw new Error('response writer started without a database file and secret');
  }
  return { file: data.file, secret: data.secret };
}

const { file, secret } = settingsOf(workerData);
const db = openConnection(file);
// The server's own secret (it may come from SAFEPOLL_SECRET rather than the database): sealed text must open there.
const repos = createRepos(db, { secret });
const writer = new ResponseWriter(db, repos.responses, new ArrivalWatch(repos, secret));
/** A round's questionnaire: fixed once the round exists with responses (surveys-repo.ts updates only unused ones). */
const surveyByRound = new Map<number, Survey>();

function surveyOf(roundId: number): Survey {
  const cached = surveyByRound.get(roundId);
  if (cached) return cached;
  const round = repos.rounds.getById(roundId);
  if (!round) throw new Error(`response for unknown round ${roundId}`);
  const survey = ofRound(repos, round);
  surveyByRound.set(roundId, survey);
  return survey;
}

type Outcome = Extract<WriterReply, { type: 'settled' }>['outcomes'][number];
let outbox: Outcome[] = [];

/** The outcomes settled in this turn go back in one message. */
function answer(outcome: Outcome): void {
  if (outbox.length === 0) setImmediate(sendOutbox);
  outbox.push(outcome);
}

function sendOutbox(): void {
  if (outbox.length === 0) return;
  const outcomes = outbox;
  outbox = [];
  send({ type: 'settled', outcomes });
}

function send(reply: WriterReply): void {
  parentPort?.postMessage(reply);
}

function write(id: number, wire: WireResponse): void {
  let response: NewResponse;
  try {
    response = { ...wire, answers: unpackAnswers(wire.answers), survey: surveyOf(wire.roundId) };
  } catch (error) {
    answer({ id, error: wireError(error) });
    return;
  }
  writer.write(response).then(
    (result) => answer({ id, result }),
    (error: unknown) => answer({ id, error: wireError(error) }),
  );
}

async function close(): Promise<void> {
  await writer.close();
  sendOutbox();
  db.close();
  send({ type: 'closed' });
}

parentPort?.on('message', (message: unknown) => {
  if (!isWriterRequest(message)) return;
  if (message.type === 'write') for (const item of message.items) write(item.id, item.response);
  else void close();
});
send({ type: 'ready' });

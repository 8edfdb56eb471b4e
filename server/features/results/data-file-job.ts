// One download of a round's (or a half-year's) data for statisticians as a build job (platform/build-pool.ts): the
// plan made in the request (data-files-service.ts), the reading and the writing done by whichever thread runs it —
// the build worker on its own connection for the server, the caller's thread for the tests that compare the two.
// The moment of the download travels with the job, so the .sav and .dta headers written anywhere are the same bytes.
import type { Repos } from '../../platform/repos.js';
import { writeSav } from '../../outputs/data-files/sav-writer.js';
import { writeDta } from '../../outputs/data-files/dta-writer.js';
import { dataCsv, rScript } from '../../outputs/data-files/r-files.js';
import { codebookOf, codebookWorkbook } from '../../outputs/data-files/codebook.js';
import { buildOffLoop } from '../../platform/build-pool.js';
import { dataSetOf, type DataSetPlan } from './data-files-service.js';

/** The files of a data set; `codebook` is the codebook itself as JSON, for the codebook page. */
export type DataFileFormat = 'sav' | 'dta' | 'csv' | 'R' | 'codebook.xlsx' | 'codebook';

export interface DataFileJob {
  kind: 'data-file';
  format: DataFileFormat;
  plan: DataSetPlan;
  /** The name the R script reads its data from (the CSV's download name). */
  csvName: string;
  now: Date;
}

/** The job's file, read and written in this thread. */
export async function buildDataFile(repos: Repos, job: DataFileJob): Promise<Buffer> {
  const data = dataSetOf(repos, job.plan);
  switch (job.format) {
    case 'sav':
      return writeSav(data, job.now);
    case 'dta':
      return writeDta(data, job.now);
    case 'csv':
      return Buffer.from(dataCsv(data), 'utf8');
    case 'R':
      return Buffer.from(rScript(job.plan.survey, data, job.csvName), 'utf8');
    case 'codebook.xlsx':
      return codebookWorkbook(codebookOf(job.plan.survey, data));
    case 'codebook':
      return Buffer.from(JSON.stringify(codebookOf(job.plan.survey, data)), 'utf8');
  }
}

/**
 * The job's file, read and written in the build worker from this database's file; in this thread for a database held
 * only in memory (no other connection can see it: the command line's and some tests' databases).
 */
export function dataFileOffLoop(repos: Repos, job: DataFileJob): Promise<Buffer> {
  const file = repos.results.databaseFile();
  return file === undefined ? buildDataFile(repos, job) : buildOffLoop(job, file);
}

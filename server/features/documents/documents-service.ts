// What other capabilities ask of the documents: the issuer every printed document names (发文设置, /admin/documents).
import type { Repos } from '../../platform/repos.js';

// ---- The issuing body posters print (h7) ----

/** The issuing body as set at /admin/documents; undefined until it is set (a poster then leaves a blank to fill in). */
export function configuredIssuingBody(repos: Repos): string | undefined {
  return repos.documents.issuer()?.issuingBody;
}

// ---- end of the posters block ----

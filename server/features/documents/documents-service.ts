// What other capabilities ask of the documents: the issuer every printed document names (发文设置, /admin/documents).
import type { Repos } from '../../platform/repos.js';

// ---- The issuing body posters print (h7) ----

/** The body that heads the Word bulletins and every poster; undefined until it is set at /admin/documents. */
export function issuingBody(repos: Repos): string | undefined {
  return repos.documents.issuer()?.issuingBody;
}

// ---- end of the posters block ----

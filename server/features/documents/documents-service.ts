// What other capabilities ask of the documents (发文): who issues what the committee sends out.
import type { Repos } from '../../platform/repos.js';

/** The issuing body as set at /admin/documents; undefined until it is set (a poster then leaves a blank to fill in). */
export function configuredIssuingBody(repos: Repos): string | undefined {
  return repos.documents.issuer()?.issuingBody;
}

/**
 * Who issues a document about a unit: the issuing body set on the documents page (the one the Word notices and
 * posters print), else the name of the unit's district with 平安办.
 */
export function issuingBodyOf(repos: Repos, unitId: number): string {
  const configured = configuredIssuingBody(repos)?.trim();
  if (configured) return configured;
  const district = [...repos.units.ancestors(unitId), repos.units.getById(unitId)].find((u) => u?.level === 'district');
  return `${district?.name ?? ''}平安办`;
}

// What other capabilities ask of the documents (发文): who issues what the committee sends out.
import type { Repos } from '../../platform/repos.js';

/**
 * Who issues a document about a unit: the issuing body set on the documents page (the one the Word notices and
 * posters print), else the name of the unit's district with 平安办.
 */
export function issuingBodyOf(repos: Repos, unitId: number): string {
  const configured = repos.documents.issuer()?.issuingBody.trim();
  if (configured) return configured;
  const district = [...repos.units.ancestors(unitId), repos.units.getById(unitId)].find((u) => u?.level === 'district');
  return `${district?.name ?? ''}平安办`;
}

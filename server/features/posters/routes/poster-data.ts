// The posters of some grids of a round, with what every poster shares (issuing body, public base), for the single
// poster page and the printed batch.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Round } from '../../../core/rounds/round.js';
import type { Unit } from '../../../core/units/unit.js';
import type { StaffUser } from '../../../core/auth/staff.js';
import { canIssueDocuments } from '../../documents/core/official-notice.js';
import { publicBaseOf } from '../../../web/public-url.js';
import { posterView, type PosterView } from '../view-model.js';
import { residentLink } from '../../../web/staff/context.js';
import { publicTitleOf } from '../../../core/survey/public-title.js';
import { configuredIssuingBody } from '../../documents/documents-service.js';
import { ofRound } from '../../surveys/surveys-service.js';
import { isInviteOnly } from '../../invites/invites-service.js';

export interface PosterBatch {
  posters: PosterView[];
  issuingBody: string | undefined;
  base: string;
  publicUrlMissing: boolean;
  /** Administrators and the committee set the public URL (links page) and the issuing body (/admin/documents). */
  canEditSettings: boolean;
}

/** The body named at the top of every poster: the document issuer's (发文设置, /admin/documents), the same body that
 * heads the Word bulletins; undefined until it is set there, so the poster leaves a blank to fill in by hand. */
export function posterIssuingBody(app: FastifyInstance): string | undefined {
  return configuredIssuingBody(app.repos);
}

/** Who sets what posters share: the same people who may set the issuing body at /admin/documents. */
export function canEditPosterSettings(user: StaffUser): boolean {
  return canIssueDocuments(user);
}

export async function postersOf(
  app: FastifyInstance,
  request: FastifyRequest,
  user: StaffUser,
  round: Round,
  grids: readonly Unit[],
): Promise<PosterBatch> {
  const { base, configured } = publicBaseOf(app, request);
  const issuingBody = posterIssuingBody(app);
  // One query for every grid's worker, whether one poster or a township's.
  const workers = app.repos.posters.gridWorkers();
  const title = publicTitleOf(ofRound(app.repos, round));
  const inviteOnly = isInviteOnly(app.repos, round.id);
  const posters = await Promise.all(
    grids.map((grid) =>
      posterView({
        round,
        grid,
        ancestors: app.repos.units.ancestors(grid.id),
        worker: workers.get(grid.id),
        issuingBody,
        title,
        base,
        link: residentLink(base, grid.code),
        inviteOnly,
      }),
    ),
  );
  return { posters, issuingBody, base, publicUrlMissing: !configured, canEditSettings: canEditPosterSettings(user) };
}

// What every receipts route needs: the receipt within the user's scope, and name lookups for the views.
import type { FastifyInstance } from 'fastify';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Receipt } from '../core/receipt.js';
import { ReceiptNotFound } from '../../../web/errors.js';
import { allow } from '../../../web/permissions.js';
import { staffById } from '../../accounts/accounts-service.js';
import { printedQuestionLabel } from '../../../core/survey/numbering.js';
import { cachedLookups, type ReceiptLookups } from '../view-model.js';
import { ofRound } from '../../surveys/surveys-service.js';

/** The receipt, when the user may see it (else 404, or the 403 saying it is outside their scope). */
export function receiptInScope(app: FastifyInstance, user: StaffUser, id: number): Receipt {
  const receipt = app.repos.receipts.getById(id);
  if (!receipt) throw new ReceiptNotFound(String(id));
  allow(user, 'receipt.view', { receipt, units: app.repos.units });
  return receipt;
}

export function lookupsOf(app: FastifyInstance): ReceiptLookups {
  return cachedLookups({
    unitById: (id) => app.repos.units.getById(id),
    userById: (id) => staffById(app.repos, id),
    parentOf: (u) => (u.parentId === null ? undefined : app.repos.units.getById(u.parentId)),
    roundCode: (id) => app.repos.rounds.getById(id)?.code ?? String(id),
    questionLabel: (roundId, questionId) => {
      const round = app.repos.rounds.getById(roundId);
      const survey = round ? ofRound(app.repos, round) : undefined;
      return survey ? printedQuestionLabel(survey, questionId) : questionId;
    },
  });
}


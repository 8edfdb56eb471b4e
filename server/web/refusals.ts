// A round that takes no answer (closed, not yet open, or not through this channel) as the named error the error
// handler shows: a Chinese page on resident links, Chinese JSON under /api.
import type { FastifyError } from 'fastify';
import type { IntakeRefusal } from '../features/responses/core/intake.js';
import { ChannelNotOpen, RoundClosed, RoundNotOpen } from './errors.js';

export function refusalError(refusal: IntakeRefusal): FastifyError {
  switch (refusal.reason) {
    case 'round_closed':
      return new RoundClosed();
    case 'round_not_open':
      return new RoundNotOpen();
    case 'channel_off':
      return new ChannelNotOpen(refusal.message);
  }
}

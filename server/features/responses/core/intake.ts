// Whether a round takes a response now, from this channel. Decided here for every way answers come in: the resident
// form and the JSON API (channel web), the CLI paper import (paper) and phone entry (phone). The submission service
// asks before it checks answers; the response repository asks again inside the write transaction, so that a response
// queued while the round was being closed is refused, never stored after the close.
import { CHANNEL_LABELS, type ChannelName, type Round, type RoundState } from '../../../core/rounds/round.js';

export type IntakeRefusal =
  | { reason: 'round_closed'; message: string }
  | { reason: 'round_not_open'; message: string }
  | { reason: 'channel_off'; message: string };

export const ROUND_CLOSED_MESSAGE = '本轮民调已结束，不再接收答卷';
export const ROUND_NOT_OPEN_MESSAGE = '本轮民调尚未开始';

/** Null while the round is open; else why it takes no response. */
export function stateRefusal(state: RoundState): IntakeRefusal | null {
  if (state === 'open') return null;
  if (state === 'closed') return { reason: 'round_closed', message: ROUND_CLOSED_MESSAGE };
  return { reason: 'round_not_open', message: ROUND_NOT_OPEN_MESSAGE };
}

/** Null when the round collects answers through this channel; else a Chinese message naming the round's channels. */
export function channelRefusal(round: Pick<Round, 'channels'>, channel: ChannelName): IntakeRefusal | null {
  if (round.channels.includes(channel)) return null;
  const used = round.channels.map((c) => CHANNEL_LABELS[c]).join('、') || '无';
  return { reason: 'channel_off', message: `本轮民调不通过${CHANNEL_LABELS[channel]}收集答卷（本轮收集方式：${used}）` };
}

/** The round's state first (a closed round says so whatever the channel), then the channel. */
export function intakeRefusal(round: Pick<Round, 'state' | 'channels'>, channel: ChannelName): IntakeRefusal | null {
  return stateRefusal(round.state) ?? channelRefusal(round, channel);
}

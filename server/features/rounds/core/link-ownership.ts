// Which round a grid's resident link (/g/:grid) serves. Rounds covering the same grid with different channels coexist
// (a paper-only special round beside the monthly poll, a phone-only roster sweep beside it): the link serves the open
// round of the grid that takes web answers. At most one open round may take a grid's web answers, so opening a second
// one is refused with the name of the round that holds the link. Pure: the repository asks these rules.
import { periodLabel } from '../../../core/time/period.js';
import { CHANNEL_LABELS, type ChannelName, type RoundKind } from '../../../core/rounds/round.js';

/** Whether the round collects answers through the grids' resident links and QR codes. */
export function takesWebAnswers(round: { channels: readonly ChannelName[] }): boolean {
  return round.channels.includes('web');
}

/** The round that collects a grid's web answers, as a person names it. */
export interface LinkHolder {
  code: string;
  surveyTitle: string;
  period: string;
  /** Grids of the round asked about whose links this round holds. */
  sharedGrids: number;
}

/** A round by its code and title, e.g. "2026-12-hunan-100（湖南省平安建设民调 · 2026年12月）". */
export function roundTitle(holder: Pick<LinkHolder, 'code' | 'surveyTitle' | 'period'>): string {
  return `${holder.code}（${holder.surveyTitle} · ${periodLabel(holder.period)}）`;
}

/** Why a round that takes web answers cannot open while another open round holds the links of its grids. */
export function linkHeldProblem(code: string, holder: LinkHolder): string {
  return (
    `不能开始轮次 ${code}：其中 ${holder.sharedGrids} 个网格的群众链接正由进行中的轮次 ${roundTitle(holder)}收集答卷。` +
    `同一网格同时只能有一个轮次通过${CHANNEL_LABELS.web}收集答卷：请先结束该轮次，或新建一个不含${CHANNEL_LABELS.web}的轮次（如只用电话访问）。`
  );
}

/**
 * What a round's links page says about whose answers its grids' links collect, or null when they collect this
 * round's (the page then says the usual "答卷计入该网格").
 */
export function linkNotice(round: { channels: readonly ChannelName[]; state: string }, holder: LinkHolder | undefined): string | null {
  if (!takesWebAnswers(round)) {
    const held = holder ? `这些网格的链接现在收集的是进行中的轮次 ${roundTitle(holder)}的答卷。` : '';
    return `本轮民调不通过${CHANNEL_LABELS.web}收集答卷，链接和海报不会为本轮收集答卷。${held}`;
  }
  if (!holder) return null;
  const when = round.state === 'draft' ? '本轮开始前须先结束该轮次' : '答卷计入该轮次，不计入本轮';
  return `其中 ${holder.sharedGrids} 个网格的群众链接正由进行中的轮次 ${roundTitle(holder)}使用：${when}。`;
}

/** The channels a new round gets when none are given: a roster sweep is phoned, every other kind uses all three. */
export function defaultChannels(kind: RoundKind): ChannelName[] {
  return kind === 'sweep' ? ['phone'] : ['web', 'phone', 'paper'];
}

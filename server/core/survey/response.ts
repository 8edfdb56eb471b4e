// A response: one resident's answers in one round, from one channel. The entity's names and Chinese labels.

export type ResponseChannel = 'web' | 'phone' | 'paper' | 'import' | 'simulated';
export type ResponseStatus = 'complete' | 'screened_out';

export const RESPONSE_CHANNEL_LABELS: Readonly<Record<ResponseChannel, string>> = {
  web: '群众扫码/链接',
  phone: '电话访问',
  paper: '纸质录入',
  import: '导入',
  simulated: '模拟',
};

export const RESPONSE_STATUS_LABELS: Readonly<Record<ResponseStatus, string>> = { complete: '完成', screened_out: '筛除' };

/** The label of a stored channel name; an unknown name (a newer database) is shown as it is. */
export function channelLabel(channel: string): string {
  const known = (Object.keys(RESPONSE_CHANNEL_LABELS) as ResponseChannel[]).find((c) => c === channel);
  return known ? RESPONSE_CHANNEL_LABELS[known] : channel;
}

// Praise and empty suggestions are recognised so they do not count as problems; anything that asks for something or
// complains stays a problem, however friendly its wording.
import t from 'tap';
import { noProblemReason } from '../../../../server/features/receipts/core/no-problem.js';

t.test('empty answers', async (t) => {
  for (const text of ['', '  ', '无', '无。', '没有', '没', '暂无', '没有意见', '没什么意见', '没有什么建议', '暂无建议！', '无意见', 'no', '/', '好', '都挺好的', '不知道']) {
    t.equal(noProblemReason(text), 'empty', JSON.stringify(text));
  }
});

t.test('praise', async (t) => {
  for (const text of [
    '对派出所的服务态度很满意，民警很耐心，点个赞。',
    '网格员经常上门走访，有事情找得到人，希望继续保持。',
    '总体感觉治安比以前好多了，希望继续坚持。',
    '很满意',
    '感谢网格员！辛苦了',
    '很满意，没有意见',
    '点赞👍',
  ]) {
    t.equal(noProblemReason(text), 'praise', text);
  }
});

t.test('problems stay problems, praise words or not', async (t) => {
  for (const text of [
    '不满意',
    '路灯坏了',
    '满意，但是晚上太吵',
    '很满意，希望多巡逻',
    '没人管',
    '很满意？为什么没人来',
    '建议多组织一些平安志愿者活动，我愿意参加。',
    '小区后门那段路的路灯坏了好几个月，晚上下班回来很黑，希望尽快修好。',
    '对民警很满意。'.repeat(12),
    '无人管理，楼道堆满杂物',
  ]) {
    t.equal(noProblemReason(text), null, text);
  }
});

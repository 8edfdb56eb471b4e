// Which answers the forecast pools (docs/statistics.md#answer-modes): phone interviews when the window holds at
// least the official sample size of them, else every response with the mode gap stated; the committee's setting wins.
import t from 'tap';
import { chooseAnswerMode } from '../../../../server/features/forecast/core/answer-mode.js';

t.test('auto: phone from the official sample size on, all below it with the gap as a caveat', async (t) => {
  t.equal(chooseAnswerMode('auto', 200, 200, null).used, 'phone', 'exactly the sample size is enough');
  t.match(chooseAnswerMode('auto', 200, 200, null).note, '只用电话访问答卷（200 份）');
  const below = chooseAnswerMode('auto', 199, 200, '网页比电话高 3.00 分');
  t.equal(below.used, 'all');
  t.match(below.note, '电话访问答卷只有 199 份，少于正式民调样本量 200 份');
  t.match(below.note, '方式差异：网页比电话高 3.00 分', 'the gap is stated');
});

t.test('the setting: all always; phone whenever there is any phone interview', async (t) => {
  t.equal(chooseAnswerMode('all', 5000, 200, null).used, 'all');
  t.equal(chooseAnswerMode('phone', 20, 200, null).used, 'phone');
  const none = chooseAnswerMode('phone', 0, 200, null);
  t.equal(none.used, 'all', 'no phone interview: all responses');
  t.match(none.note, '没有电话访问答卷');
});

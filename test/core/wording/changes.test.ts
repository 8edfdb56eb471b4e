// The word every judged change carries beside its colour, on the page, in print and in Word.
import t from 'tap';
import { changeWithWord, verdictWord } from '../../../server/core/wording/changes.js';

t.test('a rise, a fall and a change within noise each have their word; no verdict, no word', async (t) => {
  t.same([verdictWord('rise'), verdictWord('fall'), verdictWord('flat'), verdictWord(null)], ['上升', '下降', '基本持平', '']);
  t.equal(changeWithWord('+1.25', '上升'), '+1.25 上升');
  t.equal(changeWithWord('-0.8个百分点', '下降'), '-0.8个百分点 下降');
  t.equal(changeWithWord('—', ''), '—');
});

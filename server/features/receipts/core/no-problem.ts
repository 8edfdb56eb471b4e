// Suggestions that raise no problem: praise ("对民警很满意，点个赞") and empty answers ("无", "没有意见"). They are
// still stored as receipts, already 无需处理 with the reason 表扬 or 无实质内容 (rules.ts passes the reason on), rather
// than not created: the resident's words stay readable on the receipts page, praise can be passed on to the unit,
// and a mistaken recognition can be seen and checked. They count in no problem figure (see workflow.ts).
// The recogniser is deliberately cautious: a text with any sign of a request or a complaint is a problem, because a
// problem taken for praise goes unanswered while praise taken for a problem only costs a staff member one click.
import type { DismissReason } from './receipt.js';

/** Longer texts say more than a thank-you: they are read by a person. */
const MAX_PRAISE_LENGTH = 80;

/** Whole answers that say "nothing to add" (after punctuation and spaces are removed). */
const EMPTY_ANSWER = /^(?:[无没]|暂无|没有|没|无|都?(?:挺|很)?好|还行|可以|一般|不知道|不清楚|说不清|ok|no|none|null|na|n\/a|[0-9]|[a-z])?(?:什么|任何)?(?:意见|建议|问题|想法|要求|补充|了)*(?:了|的)?$/;

/** Phrases that wish things to go on as they are: praise, not a request. */
const PRAISE_CLOSINGS = ['希望继续保持', '希望继续坚持', '希望继续努力', '继续保持', '继续坚持', '继续加油', '再接再厉'];

/** "Nothing else to say" inside a longer answer. */
const EMPTY_PHRASES = ['没有意见', '没有建议', '没有问题', '没什么意见', '没什么建议', '没什么问题', '没有什么意见', '没有什么建议', '无意见', '无建议', '暂无意见', '暂无建议'];

const PRAISE_WORDS = ['满意', '点赞', '点个赞', '赞', '感谢', '谢谢', '辛苦', '好多了', '比以前好', '很好', '不错', '挺好', '放心', '安心', '安全感', '找得到人', '给力', '好评', '表扬', '负责', '热情', '耐心'];

/** Any of these makes the text a problem: a request, a complaint, a negation of praise, something that went wrong. */
const PROBLEM_MARKERS = [
  '希望', '建议', '但', '不过', '就是', '只是', '可惜', '问题', '不满', '不太', '不够', '不好', '不行', '不管', '不及时',
  '不安全', '不放心', '没有', '没人', '太', '差', '乱', '脏', '坏', '偷', '盗', '骗', '诈', '吵', '噪', '投诉', '反映',
  '应该', '应当', '要求', '加强', '改进', '改善', '请', '能否', '能不能', '可否', '尽快', '解决', '处理', '整改', '修',
  '堵', '缺', '隐患', '危险', '纠纷', '矛盾', '打架', '赌', '毒', '慢', '难', '怕', '担心', '？', '?',
];

/** Spaces, punctuation and symbols go; letters, digits and Chinese characters stay (lower-cased). */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

function withoutPhrases(text: string, phrases: readonly string[]): string {
  return phrases.reduce((t, p) => (t.includes(p) ? t.split(p).join('') : t), text);
}

/** 'empty' or 'praise' when the suggestion raises no problem, else null (a problem to handle). */
export function noProblemReason(text: string): Extract<DismissReason, 'praise' | 'empty'> | null {
  const plain = normalise(text);
  if (EMPTY_ANSWER.test(plain)) return 'empty';
  if (text.trim().length > MAX_PRAISE_LENGTH) return null;
  // Question marks are punctuation, so they are looked for in the text as typed.
  if (text.includes('?') || text.includes('？')) return null;
  const rest = withoutPhrases(withoutPhrases(plain, PRAISE_CLOSINGS), EMPTY_PHRASES);
  if (PROBLEM_MARKERS.some((m) => rest.includes(m))) return null;
  return PRAISE_WORDS.some((w) => plain.includes(w)) ? 'praise' : null;
}

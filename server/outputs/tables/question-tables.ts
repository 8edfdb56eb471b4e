// The bulletin's question-level content as workbook sheets: each unit's three weakest items and a village's or grid's
// score on every question. A question is named as the resident form prints it — its number ("3", "3.1") and short
// name — never by the questionnaire's code, which only the CSV's machine-readable headers and the API carry.
import type { BulletinContent, NamedWeakItem } from '../../features/bulletin/core/content-types.js';
import { verdictWord } from '../../core/wording/changes.js';
import type { Table, TableValue } from './result-tables.js';

function weakRows(code: string, name: string, parentName: string, items: readonly NamedWeakItem[]): TableValue[][] {
  return items.map((w, i) => [code, name, parentName, i + 1, w.number, w.shortName, w.text, w.value]);
}

/** One row per weak item: the page's own unit first, then the units listed below it. Empty when none has any. */
export function weakItemsTable(content: BulletinContent): Table {
  return {
    columns: [
      { header: '单位编码', kind: 'text', width: 16 },
      { header: '单位名称', kind: 'text', width: 18 },
      { header: '上级单位', kind: 'text', width: 16 },
      { header: '薄弱排序', kind: 'int', width: 10 },
      { header: '题号', kind: 'text', width: 6 },
      { header: '题目简称', kind: 'text', width: 16 },
      { header: '题目', kind: 'text', width: 48 },
      { header: '得分', kind: 'score', width: 8 },
    ],
    rows: [
      ...weakRows(content.unit.code, content.unit.name, '', content.ownWeak),
      ...content.weak.flatMap((w) => weakRows(w.line.code, w.line.name, w.parentName, w.items)),
    ],
  };
}

/** Every scored question of a village or grid (none above: the bulletin lists none there). */
export function itemScoresTable(content: BulletinContent): Table {
  return {
    columns: [
      { header: '题号', kind: 'text', width: 6 },
      { header: '题目', kind: 'text', width: 48 },
      { header: '得分', kind: 'score', width: 8 },
      { header: '95%区间下限', kind: 'score', width: 11 },
      { header: '95%区间上限', kind: 'score', width: 11 },
      { header: '有效回答', kind: 'int', width: 8 },
      { header: '不了解占比', kind: 'rate', width: 10 },
      { header: '较上月', kind: 'score', width: 8 },
      { header: '变化判断', kind: 'text', width: 10 },
      { header: '薄弱项', kind: 'text', width: 8 },
    ],
    rows: content.items.map((i) => [
      i.number,
      i.name,
      i.estimate?.value ?? null,
      i.estimate?.lo ?? null,
      i.estimate?.hi ?? null,
      i.estimate?.n ?? null,
      i.estimate?.dontKnow ?? null,
      i.change,
      verdictWord(i.verdict),
      i.weak ? '薄弱' : '',
    ]),
  };
}

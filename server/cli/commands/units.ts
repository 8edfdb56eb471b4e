// safepoll units import | list
import { parseUnitsCsv, levelFromText } from '../../features/units/core/import.js';
import { LEVEL_LABELS } from '../../core/units/unit.js';
import { UNIT_LEVELS, type Unit, type UnitLevel } from '../../core/units/unit.js';
import { CliInputError, stringOption, type CliCommand } from '../context.js';
import { readUtf8File } from '../read-file.js';
import { writeTransaction } from '../../platform/write-transaction.js';

const importUnits: CliCommand = {
  words: ['units', 'import'],
  args: ['FILE.csv'],
  summary: '从 CSV 导入单位（区/县、乡镇/街道、村/社区、网格）；有任何错误行则一个也不导入',
  details: [
    '表头：code,name,parent_code,level,population,households（UTF-8，可带 BOM）',
    'level 可写 district/township/village/grid 或 区/县、乡镇/街道、村/社区、网格；行的顺序不限。',
  ],
  run({ repos, db, io }, { positionals: [file] }) {
    const text = readUtf8File(file);
    const existing = new Map(repos.units.all().map((u) => [u.code, u.level] as const));
    const { rows, errors } = parseUnitsCsv(text, existing);
    if (errors.length > 0) {
      throw new CliInputError(`${file} 有 ${errors.length} 处错误，没有导入任何单位：`, errors.map((e) => `  ${e.problem}`));
    }
    const count = writeTransaction(db, () => {
      const n = repos.units.importUnits(rows);
      repos.audit.record(null, 'cli.units.import', { file, units: n });
      return n;
    });
    const byLevel = UNIT_LEVELS.map((l) => `${LEVEL_LABELS[l]} ${rows.filter((r) => r.level === l).length}`).join('，');
    io.out(`已导入 ${count} 个单位：${byLevel}；现共有 ${repos.units.count()} 个单位`);
    return 0;
  },
};

const listUnits: CliCommand = {
  words: ['units', 'list'],
  args: [],
  summary: '列出单位（编码、名称、层级、上级编码、人口、户数；--tree 按层级缩进）',
  options: {
    level: { type: 'string', placeholder: 'L', description: '只列出这一层级：district/township/village/grid 或 区/县、乡镇/街道、村/社区、网格' },
    tree: { type: 'boolean', description: '按树形缩进显示（到 --level 指定的层级为止）' },
  },
  run({ repos, io }, { values }) {
    const levelText = stringOption(values, 'level');
    let level: UnitLevel | undefined;
    if (levelText !== undefined) {
      level = levelFromText(levelText);
      if (!level) throw new CliInputError(`层级 "${levelText}" 无效，应为 district/township/village/grid`);
    }
    if (values.tree === true) return printTree(repos.units.all(), level, io.out);
    const units = repos.units.all().filter((u) => level === undefined || u.level === level);
    const codeOf = new Map(repos.units.all().map((u) => [u.id, u.code]));
    io.out(['code', 'name', 'level', 'parent_code', 'population', 'households'].join('\t'));
    for (const u of units) {
      const parent = u.parentId === null ? '' : (codeOf.get(u.parentId) ?? '');
      io.out([u.code, u.name, LEVEL_LABELS[u.level], parent, u.population ?? '', u.households ?? ''].join('\t'));
    }
    io.err(`共 ${units.length} 个单位`);
    return 0;
  },
};

/** Each unit under its parent, two spaces per level, down to `deepest` (all levels when undefined). */
function printTree(units: Unit[], deepest: UnitLevel | undefined, out: (s: string) => void): number {
  const limit = UNIT_LEVELS.indexOf(deepest ?? 'grid');
  const children = new Map<number | null, Unit[]>();
  for (const u of units) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const walk = (parentId: number | null, depth: number): void => {
    for (const u of children.get(parentId) ?? []) {
      if (UNIT_LEVELS.indexOf(u.level) > limit) continue;
      const below = u.level === 'grid' ? '' : `，下辖网格 ${countGrids(u.id)}`;
      const people = u.population === null ? '' : `，人口 ${u.population}`;
      out(`${'  '.repeat(depth)}${u.code} ${u.name}【${LEVEL_LABELS[u.level]}${people}${below}】`);
      walk(u.id, depth + 1);
    }
  };
  const countGrids = (id: number): number =>
    (children.get(id) ?? []).reduce((n, c) => n + (c.level === 'grid' ? 1 : countGrids(c.id)), 0);
  walk(null, 0);
  return 0;
}

export const unitsCommands: CliCommand[] = [importUnits, listUnits];

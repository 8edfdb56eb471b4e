// The thresholds of anomaly review, set per round. The defaults suit a district round with the default quota of 10
// responses per grid: a grid usually gets a handful of answers an hour while its residents are being reached. Why each
// default is what it is: docs/rules.md#anomaly-review and docs/rules.md#review-across-grids-and-the-round.

export interface IntegritySettings {
  /** A grid's arrivals in the last hour above median + this many MADs of its usual hourly rate are a burst. */
  burstMadMultiplier: number;
  /** ... and never a burst below this many arrivals in the hour (a quiet grid's median and MAD are near 0). */
  burstMinPerHour: number;
  /** Arrivals from one network to one grid within an hour beyond this are held (a shared NAT stays well under). */
  networkMaxPerGridHour: number;
  /** A grid's responses beyond this multiple of its quota are held. */
  quotaMultiple: number;
  /** Identical answer sets in one grid within this many minutes ... */
  patternWindowMinutes: number;
  /** ... beyond this many are held. */
  patternMaxInWindow: number;
  /** A network answering in more grids of the round than this is held, with what it already got counted. */
  networkMaxGridsPerRound: number;
  /** Devices answering from one network in the round (all its grids) beyond this are held. */
  networkMaxPerRound: number;
  /** A village's or township's arrivals in the last hour are never a burst below this (its own median + MADs apply). */
  areaBurstMinPerHour: number;
}

export const DEFAULT_INTEGRITY_SETTINGS: Readonly<IntegritySettings> = {
  burstMadMultiplier: 5,
  burstMinPerHour: 15,
  networkMaxPerGridHour: 10,
  quotaMultiple: 3,
  patternWindowMinutes: 30,
  patternMaxInWindow: 8,
  networkMaxGridsPerRound: 2,
  networkMaxPerRound: 5,
  areaBurstMinPerHour: 30,
};

type Field = keyof IntegritySettings;

/** Each field: its Chinese label, whether it takes a fraction, and its bounds. */
export const INTEGRITY_FIELDS: ReadonlyArray<{ field: Field; label: string; decimal: boolean; min: number; max: number }> = [
  { field: 'burstMadMultiplier', label: '突增判定：超过通常每小时量的中位数加几倍绝对中位差', decimal: true, min: 1, max: 100 },
  { field: 'burstMinPerHour', label: '突增判定：每小时至少多少份才算突增', decimal: false, min: 1, max: 100000 },
  { field: 'networkMaxPerGridHour', label: '同一网络每小时向同一网格最多提交份数', decimal: false, min: 1, max: 100000 },
  { field: 'quotaMultiple', label: '网格答卷超过配额的倍数', decimal: true, min: 1, max: 1000 },
  { field: 'patternWindowMinutes', label: '相同答案检查的时间窗口（分钟）', decimal: false, min: 1, max: 1440 },
  { field: 'patternMaxInWindow', label: '窗口内同一网格相同答案最多份数', decimal: false, min: 1, max: 100000 },
  { field: 'networkMaxGridsPerRound', label: '同一网络本轮最多在几个网格提交', decimal: false, min: 1, max: 100000 },
  { field: 'networkMaxPerRound', label: '同一网络本轮最多提交份数（各网格合计）', decimal: false, min: 1, max: 100000 },
  { field: 'areaBurstMinPerHour', label: '村（社区）、乡镇（街道）突增判定：每小时至少多少份才算突增', decimal: false, min: 1, max: 100000 },
];

export interface SettingsProblem {
  field: Field;
  message: string;
}

function parseField(spec: (typeof INTEGRITY_FIELDS)[number], raw: unknown): number | string {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  const pattern = spec.decimal ? /^\d{1,6}(\.\d{1,3})?$/ : /^\d{1,6}$/;
  if (!pattern.test(text)) return `${spec.label}：请填写${spec.decimal ? '数字' : '整数'}`;
  const value = Number(text);
  if (value < spec.min || value > spec.max) return `${spec.label}：应在 ${spec.min} 到 ${spec.max} 之间`;
  return value;
}

/** Settings from a form or stored JSON; every field checked, a missing field is a problem. */
export function checkIntegritySettings(values: Readonly<Record<string, unknown>>): { settings?: IntegritySettings; problems: SettingsProblem[] } {
  const settings: IntegritySettings = { ...DEFAULT_INTEGRITY_SETTINGS };
  const problems: SettingsProblem[] = [];
  for (const spec of INTEGRITY_FIELDS) {
    const parsed = parseField(spec, values[spec.field]);
    if (typeof parsed === 'string') problems.push({ field: spec.field, message: parsed });
    else settings[spec.field] = parsed;
  }
  return problems.length > 0 ? { problems } : { settings, problems };
}

/** Stored settings, falling back field by field to the defaults for anything unreadable (an older or edited row). */
export function storedIntegritySettings(json: string | undefined): IntegritySettings {
  if (json === undefined) return { ...DEFAULT_INTEGRITY_SETTINGS };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ...DEFAULT_INTEGRITY_SETTINGS };
  }
  const settings: IntegritySettings = { ...DEFAULT_INTEGRITY_SETTINGS };
  if (typeof parsed !== 'object' || parsed === null) return settings;
  const stored = new Map<string, unknown>(Object.entries(parsed));
  for (const spec of INTEGRITY_FIELDS) {
    const value = parseField(spec, stored.get(spec.field));
    if (typeof value === 'number') settings[spec.field] = value;
  }
  return settings;
}

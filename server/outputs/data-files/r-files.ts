// The data set for R: a CSV of codes (UTF-8, one row per case, the same variables as the SPSS and Stata files) and an
// R script that reads it, turns the coded answers into labelled factors and builds the survey design post-stratified
// to the grids' populations (R's `survey` package), so that `svymean` reproduces the bulletin's district figures:
// each index as docs/statistics.md#composite defines it, and the composite as their declared weighted sum.
import type { Survey } from '../../core/survey/model.js';
import { csvRow, BOM } from '../../core/tables/csv.js';
import { optionCodes, safeName, type DataSet } from './data-set.js';

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2026-03-05 14:07" for Beijing wall-clock milliseconds. */
export function wallClockText(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** The CSV R reads: a header of variable names, codes as numbers, times as Beijing wall-clock text. */
export function dataCsv(data: DataSet): string {
  const lines = [BOM + csvRow(data.variables.map((v) => v.name))];
  for (const row of data.rows) {
    lines.push(csvRow(row.map((value, i) => (data.variables[i].kind === 'datetime' && typeof value === 'number' ? wallClockText(value) : value))));
  }
  return lines.join('');
}

/**
 * An R string literal in plain ASCII: every other character as a \u escape. R reads a script in the machine's own
 * encoding (GBK on a Chinese Windows PC, often ASCII on a server), where UTF-8 text in the file would not parse; an
 * escaped literal is the same string everywhere.
 */
export function rString(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else out += code > 0xffff ? `\\U{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return `"${out}"`;
}

/** An R vector, one element a line: R reads a script line by line through a 4,096-byte buffer, so a long literal on
 * one line (the 180 grid names of a district) would be cut in the middle of an escape. */
const rVector = (items: readonly string[]) => (items.length <= 8 ? `c(${items.join(', ')})` : `c(\n  ${items.join(',\n  ')}\n)`);

function factorLines(data: DataSet): string[] {
  return data.variables.flatMap((v) => {
    const labels = v.valueLabels ?? [];
    if (v.kind !== 'number' || labels.length === 0) return [];
    return [`d$${v.name} <- factor(d$${v.name}, levels = ${rVector(labels.map(([code]) => String(code)))}, labels = ${rVector(labels.map(([, l]) => rString(l)))})`];
  });
}

/** One R expression per index of the composite: its value on the 0–100 scale, with its weight. */
function indexLines(survey: Survey): { lines: string[]; terms: string[] } {
  const lines: string[] = [];
  const terms: string[] = [];
  const mean = (variable: string) => `coef(svymean(~${variable}, des, na.rm = TRUE))[[1]]`;
  for (const ix of survey.indices) {
    const weight = survey.composite.weights[ix.id];
    const name = `index_${safeName(ix.id)}`;
    if (ix.kind === 'item') lines.push(`${name} <- ${mean(safeName(`${ix.question}_score`))}`);
    else if (ix.kind === 'mean') {
      lines.push(`${name} <- mean(c(${ix.questions.map((q) => mean(safeName(`${q}_score`))).join(', ')}))`);
    } else {
      const q = [...survey.screening, ...survey.questions].find((x) => x.id === ix.question);
      const codes = q ? optionCodes(q) : new Map<string, number>();
      const yes = ix.options.map((o) => String(codes.get(o) ?? -1));
      const valid = q ? q.options.filter((o) => !o.excluded).map((o) => String(codes.get(o.code))) : [];
      const v = safeName(ix.question);
      lines.push(`d$rate_${safeName(ix.id)} <- ifelse(d$${v} %in% ${rVector(valid)}, as.numeric(d$${v} %in% ${rVector(yes)}), NA)`);
      lines.push(`${name} <- NA # computed once the design exists`);
      lines.push(`rates[[${rString(name)}]] <- ${rString(`rate_${safeName(ix.id)}`)}`);
    }
    lines.push(`cat(sprintf("%s %.12f\\n", ${rString(`${ix.id} ${ix.name}`)}, ${name}))`);
    if (weight !== undefined) terms.push(`${weight} * ${name}`);
  }
  return { lines, terms };
}

/** The R script for `csvName`, the CSV written by dataCsv for the same data set. A data set of several rounds (a
 * half-year window, with a `round` variable) gets its figures round by round, each with its own design. */
export function rScript(survey: Survey, data: DataSet, csvName: string): string {
  const { lines, terms } = indexLines(survey);
  const rateLines = lines.filter((l) => l.startsWith('d$rate_') || l.startsWith('rates[['));
  const indexOnly = lines.filter((l) => !rateLines.includes(l) && !l.includes('# computed once'));
  const byRound = data.variables.some((v) => v.name === 'round');
  const indent = (body: string[]) => body.map((l) => `  ${l}`);
  return [
    '# SafePoll data for R: reads the CSV, labels the coded answers, builds the design post-stratified to grid',
    '# populations and reproduces the indices and the composite of the bulletin for the exported unit.',
    '# Usage: Rscript this-file.R [data.csv]   (the file is plain ASCII: Chinese labels are written as \\u escapes)',
    `data_label <- ${rString(data.label)}`,
    'suppressPackageStartupMessages(library(survey))',
    'args <- commandArgs(trailingOnly = TRUE)',
    `csv_file <- if (length(args) >= 1) args[1] else ${rString(csvName)}`,
    '# Texts are UTF-8 and kept so (encoding, not fileEncoding: no conversion to the machine\'s own encoding).',
    'd <- read.csv(csv_file, encoding = "UTF-8", stringsAsFactors = FALSE, check.names = FALSE)',
    '# Read without conversion, the CSV\'s byte-order mark (for spreadsheets) stays on the first name: restore it.',
    `names(d)[1] <- ${rString(data.variables[0]?.name ?? 'response_id')}`,
    '# Completed interviews only: a screened-out case has no weight and is in no figure.',
    'd <- d[d$status == 1, ]',
    '# Rates are read from the codes (before they become factors): 1 for the counted answers, 0 for the other',
    '# substantive ones, NA for a don\'t-know or no answer.',
    'rates <- list()',
    ...rateLines,
    ...(byRound ? ['round_code <- d$round'] : []),
    ...factorLines(data).filter((l) => !l.startsWith('d$status ')),
    '# The figures of one round\'s data: post-stratified to the grids\' populations, every respondent of grid h weighs',
    '# N_h / n_h; when a grid has no known population every respondent weighs 1 (as the bulletin does).',
    'figures <- function(d) {',
    ...indent([
      'd$one <- 1',
      'pop <- unique(d[, c("grid_code", "population")])',
      'names(pop) <- c("grid_code", "Freq")',
      'des <- svydesign(ids = ~1, weights = ~one, data = d)',
      'if (all(!is.na(pop$Freq) & pop$Freq > 0)) des <- postStratify(des, ~grid_code, pop)',
      'for (name in names(rates)) assign(name, 100 * coef(svymean(as.formula(paste0("~", rates[[name]])), des, na.rm = TRUE))[[1]])',
      ...indexOnly,
      `composite <- ${terms.length > 0 ? terms.join(' + ') : 'NA'}`,
      'cat(sprintf("composite %.12f\\n", composite))',
      'invisible(composite)',
    ]),
    '}',
    ...(byRound
      ? ['for (r in sort(unique(round_code))) {', '  cat(sprintf("round %d\\n", r))', '  figures(d[round_code == r, ])', '}']
      : ['figures(d)']),
    '',
  ].join('\n');
}

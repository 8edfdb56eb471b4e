// Handlebars helpers shared by every view. Each returns plain strings: Handlebars escapes them in {{ }}.
import type Handlebars from 'handlebars';
import { chinaMinute, readInstant } from '../core/time/china-time.js';

export function registerViewHelpers(hbs: typeof Handlebars): void {
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper('and', (a: unknown, b: unknown) => Boolean(a) && Boolean(b));
  hbs.registerHelper('or', (a: unknown, b: unknown) => Boolean(a) || Boolean(b));
  hbs.registerHelper('includes', (list: unknown, item: unknown) => Array.isArray(list) && list.includes(item));
  hbs.registerHelper('lt', (a: unknown, b: unknown) => Number(a) < Number(b));
  hbs.registerHelper('add', (a: unknown, b: unknown) => Number(a) + Number(b));
  hbs.registerHelper('datetime', (iso: unknown) => {
    if (typeof iso !== 'string' || iso === '') return '';
    // Staff read times in Beijing time whatever the server's zone; stored times are ISO 8601 UTC.
    const d = readInstant(iso);
    return d ? chinaMinute(d) : iso;
  });
  hbs.registerHelper('json', (value: unknown) => JSON.stringify(value));
}

// Handlebars helpers shared by every view. Each returns plain strings: Handlebars escapes them in {{ }}.
import type Handlebars from 'handlebars';

// Staff read times in China Standard Time whatever the server's zone; stored times are ISO 8601 UTC.
const chinaTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
});

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
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : chinaTime.format(d);
  });
  hbs.registerHelper('json', (value: unknown) => JSON.stringify(value));
}

// A page rendered once with named holes, filled per request. The template renders `hole('submissionKey')` where the
// value goes; the text around the holes is kept as UTF-8 bytes, so a request costs a copy instead of a render.
import Handlebars from 'handlebars';

// NUL never comes out of a template (questionnaire texts cannot hold it) and Handlebars does not escape it.
const MARK = '\u0000';
const HOLE = /\u0000([A-Za-z]+)\u0000/;

/** What a template renders in place of a per-request value. */
export function hole(name: string): string {
  return `${MARK}${name}${MARK}`;
}

export class PageWithHoles {
  private constructor(
    /** Text before the first hole, between holes, after the last: one more than `names`. */
    readonly parts: readonly Buffer[],
    readonly names: readonly string[],
  ) {}

  static fromHtml(html: string): PageWithHoles {
    // split() with a capturing group alternates text and hole names: [text, name, text, name, text].
    const pieces = html.split(new RegExp(HOLE.source, 'g'));
    const parts = pieces.filter((_, i) => i % 2 === 0).map((text) => Buffer.from(text));
    const names = pieces.filter((_, i) => i % 2 === 1);
    return new PageWithHoles(parts, names);
  }

  /** The page with every hole filled, HTML-escaped as Handlebars' {{ }} would. Throws on a hole left without value. */
  fill(values: Readonly<Record<string, string>> = {}): Buffer {
    if (this.names.length === 0) return this.parts[0];
    return Buffer.concat(this.pieces(values));
  }

  /** The page's text parts with the holes' values between them: [part, value, part, …, part]. */
  pieces(values: Readonly<Record<string, string>> = {}): Buffer[] {
    const chunks: Buffer[] = [this.parts[0]];
    this.names.forEach((name, i) => {
      const value = values[name];
      if (value === undefined) throw new Error(`no value for the page's hole "${name}"`);
      chunks.push(Buffer.from(Handlebars.escapeExpression(value)), this.parts[i + 1]);
    });
    return chunks;
  }
}

// Schemas of the roster pages (/roster): filters, the pasted CSV, a status change.
import { Type, type Static } from '@sinclair/typebox';
import { IntegerParam } from '../../web/integer-params.js';
import { CsrfField, UnitCode } from '../../web/staff/schemas.js';

/** A pasted roster: about 100,000 rows of a typical file. */
export const MAX_PASTE_CHARS = 4 * 1024 * 1024;

export const RosterQuery = Type.Object({
  grid: Type.Optional(UnitCode),
  category: Type.Optional(Type.String({ maxLength: 20 })),
  status: Type.Optional(Type.String({ maxLength: 20 })),
  page: Type.Optional(IntegerParam(1, 1000000)),
  imported: Type.Optional(IntegerParam(0, 10000000)),
  /** After a status was set from the search results: the contact, for the notice saying so. */
  marked: Type.Optional(IntegerParam(1)),
});
export type RosterQuery = Static<typeof RosterQuery>;

export const RosterPasteBody = Type.Object({
  csv: Type.String({ maxLength: MAX_PASTE_CHARS }),
  _csrf: CsrfField,
});
export type RosterPasteBody = Static<typeof RosterPasteBody>;

/** The upload form's text fields (the file itself is kept aside by the multipart parser, see multipart.ts). */
export const RosterUploadBody = Type.Object({ _csrf: CsrfField }, { additionalProperties: true });

export const ContactParams = Type.Object({ id: IntegerParam(1) });
export type ContactParams = Static<typeof ContactParams>;

export const ContactStatusBody = Type.Object({
  from: Type.String({ maxLength: 20 }),
  to: Type.String({ maxLength: 20 }),
  /** The list's query string, to return to the same page and filters. */
  back: Type.Optional(Type.String({ maxLength: 300 })),
  /** "1" when set from the search results: the list then says which number was marked. */
  found: Type.Optional(Type.String({ maxLength: 1 })),
  _csrf: CsrfField,
});
export type ContactStatusBody = Static<typeof ContactStatusBody>;

/** The search box: a whole number or part of a name (its length is the domain's check, so it comes back with a message). */
export const RosterSearchBody = Type.Object({ q: Type.String({ maxLength: 200 }), _csrf: CsrfField });
export type RosterSearchBody = Static<typeof RosterSearchBody>;

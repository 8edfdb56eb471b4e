// Schemas of the official-notice pages: the committee's settings (/admin/documents) and one document's number and
// date (/rounds/:code/document). Fields arrive as strings; their meaning is checked in features/documents/core.
import { Type, type Static } from '@sinclair/typebox';
import { textForm, UnitCode } from '../../web/staff/schemas.js';

export const IssuerBody = textForm(200, 'issuingBody', 'numberPrefix');
export type IssuerBody = Static<typeof IssuerBody>;

export const DocumentQuery = Type.Object({
  unit: UnitCode,
  kind: Type.Union([Type.Literal('bulletin'), Type.Literal('summary')]),
});
export type DocumentQuery = Static<typeof DocumentQuery>;

export const NumberingBody = textForm(20, 'seq', 'issuedOn');
export type NumberingBody = Static<typeof NumberingBody>;

export const SettingsQuery = Type.Object({ saved: Type.Optional(Type.String({ maxLength: 4 })) });

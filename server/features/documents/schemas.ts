// Schemas of the official-notice pages: the committee's settings (/admin/documents), 发文 of one document
// (/rounds/:code/document) and the register's files (/documents/:id/file). Fields arrive as strings; their meaning is checked in features/documents/core.
import { Type, type Static } from '@sinclair/typebox';
import { textForm, UnitCode } from '../../web/staff/schemas.js';

export const IssuerBody = textForm(200, 'issuingBody', 'numberPrefix');
export type IssuerBody = Static<typeof IssuerBody>;

export const DocumentQuery = Type.Object({
  unit: UnitCode,
  kind: Type.Union([Type.Literal('bulletin'), Type.Literal('summary')]),
});
export type DocumentQuery = Static<typeof DocumentQuery>;

/** 发文: `corrects` is empty for the first issue, else the id of the notice in force that this one corrects. */
export const IssueBody = textForm(12, 'corrects');
export type IssueBody = Static<typeof IssueBody>;

export const NoticeParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,9}$' }) });

export const SettingsQuery = Type.Object({ saved: Type.Optional(Type.String({ maxLength: 4 })) });

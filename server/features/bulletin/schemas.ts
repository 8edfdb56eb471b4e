// Schemas of the bulletin pages' query strings.
import { Type, type Static } from '@sinclair/typebox';
import { UnitCode } from '../../web/staff/schemas.js';

export const BulletinQuery = Type.Object({ unit: Type.Optional(UnitCode) });
export type BulletinQuery = Static<typeof BulletinQuery>;

export const SummaryQuery = Type.Object({
  survey: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  end: Type.Optional(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' })),
  unit: Type.Optional(UnitCode),
});
export type SummaryQuery = Static<typeof SummaryQuery>;

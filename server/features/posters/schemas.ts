// Schemas of the poster pages: a batch of posters to print, the posters' shared public URL, a grid's worker.
import { Type, type Static } from '@sinclair/typebox';
import { textForm, UnitCode } from '../../web/staff/schemas.js';

export const PostersQuery = Type.Object({
  unit: Type.Optional(UnitCode),
  /** Posters per A4 page. */
  per: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('2'), Type.Literal('4')])),
});
export type PostersQuery = Static<typeof PostersQuery>;

export const PosterSettingsBody = textForm(2000, 'publicUrl');
export type PosterSettingsBody = Static<typeof PosterSettingsBody>;

export const GridWorkerBody = textForm(200, 'workerName', 'workerPhone');
export type GridWorkerBody = Static<typeof GridWorkerBody>;

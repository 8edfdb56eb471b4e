// The four-level unit tree: district (区/县) → township (乡镇/街道) → village (村/社区) → grid (网格). The entity and its
// one list of Chinese labels; storage, web and the CLI import them from here.
import type { GridWorker } from './grid-worker.js';

export type UnitLevel = 'district' | 'township' | 'village' | 'grid';

export const UNIT_LEVELS: readonly UnitLevel[] = ['district', 'township', 'village', 'grid'];

export const LEVEL_LABELS: Readonly<Record<UnitLevel, string>> = {
  district: '区（县）',
  township: '乡镇（街道）',
  village: '村（社区）',
  grid: '网格',
};

export interface Unit {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  level: UnitLevel;
  population: number | null;
  households: number | null;
}

/** One validated row of a units import (see import.ts). */
export interface UnitRow {
  code: string;
  name: string;
  parentCode: string | null;
  level: UnitLevel;
  population: number | null;
  households: number | null;
  /** A grid's worker for its posters (optional columns worker_name, worker_phone). */
  worker?: GridWorker;
}

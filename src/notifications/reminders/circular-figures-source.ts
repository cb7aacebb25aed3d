import type { CircularUnitFigures } from '../templates/render-circular.template.js';

/** What a 通报 is built from: the supervision figures of every member unit as of a day. */
export interface CircularFigures {
  asOf: string;
  units: CircularUnitFigures[];
  /** What the figures cover, e.g. a plan title; shown in the notice. */
  scope?: string;
}

export interface CircularFiguresQuery {
  asOf: string;
  planId?: number;
}

/** Implemented over the supervision module's statistics (phase 2). */
export interface CircularFiguresSource {
  figures(committeeId: number, query: CircularFiguresQuery): Promise<CircularFigures>;
}

export const CIRCULAR_FIGURES_SOURCE = Symbol('CIRCULAR_FIGURES_SOURCE');

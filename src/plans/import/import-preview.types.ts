import type { ParsedGoal, ParsedMeasure } from './plan-text.parser.js';
import type { ImportWarning } from '../../common/i18n/import-warnings.js';
import type { PlanKind } from '../entities/plan.entity.js';

/** What the office sees before committing an import (API and `import --dry-run --json`). */
export type PreviewGoal = Omit<ParsedGoal, 'annotated'>;
export type PreviewMeasure = ParsedMeasure;

export interface PreviewArea {
  number: number;
  name: string;
  line: number;
  goals: PreviewGoal[];
  measures: PreviewMeasure[];
}

export interface ChangeCounts {
  areas: number;
  goals: number;
  measures: number;
  assignments: number;
  indicators: number;
}

export interface PlanChanges {
  /** created: no such plan yet; updated: it exists and differs; unchanged: re-import of the same text. */
  outcome: 'created' | 'updated' | 'unchanged';
  planId: number | null;
  added: ChangeCounts;
  updated: ChangeCounts & { plan: number };
  removed: ChangeCounts;
}

export interface PreviewPlan {
  title: string;
  kind: PlanKind;
  periodStart: number;
  periodEnd: number;
  issuedOn: string | null;
  documentNumber: string | null;
  line: number;
  /** The text asks for a mid-term evaluation (true), names only the final one (false), or says nothing (null). */
  midtermEvaluation: boolean | null;
  /** The text's language; goal texts are kept in it. */
  language: 'zh' | 'en';
  areas: PreviewArea[];
  counts: {
    areas: number;
    goals: number;
    measures: number;
    leadSlots: number;
    responsibleSlots: number;
    goalsWithoutLead: number;
  };
  changes: PlanChanges;
}

/** A unit name the text uses, and what it resolves to in the register. */
export interface PreviewUnitName {
  name: string;
  status: 'known' | 'mapped' | 'new' | 'unknown';
  unitId: number | null;
  unitName: string | null;
  lines: number[];
}

export interface ImportPreview {
  dryRun: boolean;
  plans: PreviewPlan[];
  units: PreviewUnitName[];
  warnings: ImportWarning[];
  /** What stops a commit (e.g. NO_PERIOD), each with its line; the preview still shows the rest. */
  errors: ImportWarning[];
}

export const zeroCounts = (): ChangeCounts => ({ areas: 0, goals: 0, measures: 0, assignments: 0, indicators: 0 });

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from '@jest/globals';
import { allGoals, parsePlanText } from '../../src/plans/import/plan-text.parser.js';
import type { TestApp } from './test-app.js';

/** The same body written two ways in the Weining text (domain.md): the second is an alias of the first. */
const WEINING_ALIASES: Record<string, string> = { 自治县法院: '自治县人民法院' };

export interface ImportedPlan {
  planId: number;
  /** unit name (and alias) → id */
  units: Map<string, number>;
  memberIds: number[];
  tree: {
    areas: {
      id: number;
      number: number;
      goals: {
        id: number;
        number: number;
        indicators: { id: number; unit: string | null }[];
        assignments: { unitId: number | null; allMembers: boolean; role: string }[];
      }[];
    }[];
  };
}

/**
 * Imports the Weining women's plan through the public API, as the importer would: one member
 * unit per distinct name (aliases folded), then the plan with its goals, measures, indicators and
 * lead/responsible units.
 */
export async function importWeining(t: TestApp): Promise<ImportedPlan> {
  const text = readFileSync(
    fileURLToPath(new URL('../fixtures/weining-notice-and-women-plan-2021-2025.txt', import.meta.url)),
    'utf8',
  );
  const [plan] = parsePlanText(text).plans;
  const names = new Set<string>();
  for (const g of allGoals(plan!))
    for (const n of [...g.leadUnits, ...g.responsibleUnits]) names.add(WEINING_ALIASES[n] ?? n);
  const units = new Map<string, number>();
  for (const name of [...names].sort()) {
    const aliases = Object.entries(WEINING_ALIASES)
      .filter(([, full]) => full === name)
      .map(([alias]) => alias);
    const res = await t.http().post('/api/units').send({ name, kind: 'government', aliases });
    expect(res.status).toBe(201);
    units.set(name, res.body.id);
    for (const a of aliases) units.set(a, res.body.id);
  }
  const body = {
    title: plan!.title,
    kind: plan!.kind,
    periodStart: plan!.periodStart,
    periodEnd: plan!.periodEnd,
    issuedOn: plan!.issuedOn,
    documentNumber: plan!.documentNumber,
    areas: plan!.areas.map((a) => ({
      number: a.number,
      name: a.name,
      goals: a.goals.map((g) => ({
        number: g.number,
        text: g.text,
        leadUnitIds: g.leadUnits.map((n) => units.get(n)!),
        responsibleUnitIds: g.responsibleUnits.map((n) => units.get(n)!),
        allMembersLead: g.allMembersLead,
        allMembersResponsible: g.allMembersResponsible,
        indicators: g.indicators.map((i) => ({
          phrase: i.phrase,
          name: i.name,
          comparator: i.comparator,
          value: i.value,
          unit: i.unit,
          baselineYear: i.baselineYear,
          direction: i.direction,
        })),
      })),
      measures: a.measures.map((m) => ({ number: m.number, text: m.text })),
    })),
  };
  const created = await t.http().post('/api/plans').send(body);
  expect(created.status).toBe(201);
  const tree = (await t.http().get(`/api/plans/${created.body.id}`)).body;
  return { planId: created.body.id, units, memberIds: [...new Set(units.values())], tree };
}

import { describe, expect, it } from '@jest/globals';
import { getMetadataArgsStorage } from 'typeorm';
import { ENTITIES } from '../../database/entities.js';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '../audit-labels.js';
import { NOT_AUDITED } from '../audit.subscriber.js';

const CJK = /[\u4e00-\u9fff]/;

describe('audit labels', () => {
  it('name every table the trail records, in both languages', () => {
    const tables = getMetadataArgsStorage()
      .tables.filter((t) => (ENTITIES as unknown[]).includes(t.target))
      .map((t) => t.name!)
      .filter((name) => !NOT_AUDITED.has(name));
    expect(tables.length).toBeGreaterThan(15);
    expect(tables.filter((name) => !AUDIT_ENTITY_LABELS[name])).toEqual([]);
  });

  it('say each action and table in one language per locale', () => {
    for (const [code, l] of [...Object.entries(AUDIT_ACTION_LABELS), ...Object.entries(AUDIT_ENTITY_LABELS)])
      expect({ code, zh: CJK.test(l['zh-CN']), en: CJK.test(l.en) }).toEqual({ code, zh: true, en: false });
  });
});

import { describe, expect, it } from '@jest/globals';
import { formatCsv, parseCsv, rowsFromTable, tableFromRows } from '../task-division.sheet.js';

describe('task-division sheet', () => {
  it('round-trips rows through CSV, quotes and all', () => {
    const rows = [
      {
        areaNumber: 1,
        areaName: '妇女与健康',
        goalNumber: 7,
        goalText: '增强妇女心理健康意识,"素养"提升到20%。',
        leadUnits: ['自治县卫生健康局'],
        responsibleUnits: ['自治县总工会', '自治县科协'],
        allMembersLead: false,
        allMembersResponsible: false,
      },
      {
        areaNumber: 2,
        areaName: '妇女与教育',
        goalNumber: 1,
        goalText: '多行\n文本',
        leadUnits: [],
        responsibleUnits: [],
        allMembersLead: false,
        allMembersResponsible: true,
      },
    ];
    const csv = formatCsv(tableFromRows(rows));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const back = rowsFromTable(parseCsv(csv));
    expect(back.warnings).toEqual([]);
    expect(back.rows).toEqual(rows.map((r, i) => ({ ...r, line: i + 2 })));
  });

  it('reads hand-typed rows with the plan grammar (prefix inherited within a 、 group)', () => {
    const { rows } = rowsFromTable(
      parseCsv(
        '领域,目标序号,目标,牵头单位,责任单位\n（三）妇女与经济,4,,自治县人力资源社会保障局,"自治县总工会、妇联，自治县农业农村局"\n',
      ),
    );
    expect(rows[0]).toMatchObject({
      areaNumber: 3,
      areaName: '妇女与经济',
      goalNumber: 4,
      leadUnits: ['自治县人力资源社会保障局'],
      responsibleUnits: ['自治县总工会', '自治县妇联', '自治县农业农村局'],
    });
  });

  it('warns with the row number for a bad row and goes on', () => {
    const { rows, warnings } = rowsFromTable(
      parseCsv(
        '领域,目标序号,目标,牵头单位,责任单位\n妇女与健康,1,,a,b\n1 妇女与健康,x,,a,b\n1 妇女与健康,2,,自治县妇联,\n',
      ),
    );
    expect(warnings.map((w) => w.line)).toEqual([2, 3]);
    expect(rows.map((r) => r.line)).toEqual([4]);
  });
});

describe('headers in one language', () => {
  const row = {
    areaNumber: 1,
    areaName: '妇女与健康',
    goalNumber: 2,
    goalText: '目标',
    leadUnits: ['自治县卫生健康局'],
    responsibleUnits: [],
    allMembersLead: false,
    allMembersResponsible: false,
  };
  it('Chinese by default, English when asked, and either reads back', () => {
    expect(tableFromRows([row])[0]).toEqual(['领域', '目标序号', '目标', '牵头单位', '责任单位']);
    expect(tableFromRows([row], 'en')[0]).toEqual(['Area', 'Goal', 'Goal text', 'Lead units', 'Responsible units']);
    for (const locale of ['zh-CN', 'en'] as const) {
      const { rows, warnings } = rowsFromTable(parseCsv(formatCsv(tableFromRows([row], locale))));
      expect(warnings).toEqual([]);
      expect(rows).toEqual([{ ...row, line: 2 }]);
    }
  });
});

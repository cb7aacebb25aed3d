import { describe, it, expect } from '@jest/globals';
import { docxWithTable } from '../../../../test/helpers/docx-table.js';
import { readDocxTables, tablesFromDocumentXml } from '../docx-tables.reader.js';
import { localizeWarnings } from '../../../common/i18n/import-warnings.js';
import { rowsFromWordTables, tableFromTabText, textSimilarity, type PlanGoalRef } from '../word-table.js';

const GOALS: PlanGoalRef[] = [
  {
    areaNumber: 1,
    areaName: '妇女与健康',
    goalNumber: 1,
    text: '妇女在全生命周期享有良好的卫生健康服务，妇女人均预期寿命延长。',
  },
  { areaNumber: 1, areaName: '妇女与健康', goalNumber: 2, text: '孕产妇死亡率控制在12/10万以下。' },
  { areaNumber: 2, areaName: '妇女与教育', goalNumber: 1, text: '加强思想政治教育，引导妇女做伟大事业的建设者。' },
  { areaNumber: 2, areaName: '妇女与教育', goalNumber: 2, text: '教育工作全面贯彻男女平等基本国策。' },
];

describe('tablesFromDocumentXml', () => {
  it('keeps paragraphs of a cell apart, repeats cells merged down, places cells merged across once', async () => {
    const bytes = await docxWithTable(
      ['某县妇女发展规划任务分工方案'],
      [
        ['领域', '序号', '主要目标', '牵头单位'],
        [{ paragraphs: ['妇女与健康'], merge: 'restart' }, '1', ['第一段', '第二段'], '县卫健局'],
        [{ paragraphs: [], merge: 'continue' }, '2', '乙', '县妇联'],
        [{ paragraphs: ['（二）妇女与教育'], span: 4 }],
      ],
    );
    expect(await readDocxTables(bytes)).toEqual([
      [
        ['领域', '序号', '主要目标', '牵头单位'],
        ['妇女与健康', '1', '第一段\n第二段', '县卫健局'],
        ['妇女与健康', '2', '乙', '县妇联'],
        ['（二）妇女与教育', '', '', ''],
      ],
    ]);
  });

  it('decodes entities; a table nested in a cell becomes more text of that cell, not rows', () => {
    const xml =
      '<w:document><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>A &amp; B &#x4E00;</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>inner</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl></w:body></w:document>';
    expect(tablesFromDocumentXml(xml)).toEqual([[['A & B 一\ninner']]]);
  });

  it('returns null for a zip that is not a Word document', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    expect(await readDocxTables(await zip.generateAsync({ type: 'uint8array' }))).toBeNull();
  });
});

describe('rowsFromWordTables', () => {
  it('a goal row with only short text or an Arabic number and no units is a goal, not an area (issue 11)', () => {
    const table = [
      ['主要目标', '牵头单位', '责任单位'],
      ['妇女与健康', '', ''],
      ['1.妇女在全生命周期享有良好的卫生健康服务，妇女人均预期寿命延长。', '县卫生健康局', ''],
      ['2.孕产妇死亡率控制在12/10万以下', '', ''],
      ['妇女与教育', '', ''],
      ['教育工作全面贯彻男女平等基本国策', '', ''],
    ];
    const read = rowsFromWordTables([table], GOALS);
    expect(read.unmatched).toEqual([]);
    expect(read.rows.map((r) => [r.line, r.areaNumber, r.goalNumber, r.leadUnits])).toEqual([
      [3, 1, 1, ['县卫生健康局']],
      [4, 1, 2, []],
      [6, 2, 2, []],
    ]);
  });

  it('reads 儿童与健康 as an area and 降低新生儿死亡率 as its goal; 领域 and （一） forms are areas too', () => {
    const children: PlanGoalRef[] = [
      { areaNumber: 1, areaName: '儿童与健康', goalNumber: 1, text: '降低新生儿死亡率' },
      { areaNumber: 1, areaName: '儿童与健康', goalNumber: 2, text: '儿童健康素养水平持续提升' },
      { areaNumber: 2, areaName: '儿童与安全', goalNumber: 1, text: '减少儿童伤害所致死亡和残疾' },
    ];
    const table = [
      ['主要目标', '牵头单位'],
      ['儿童与健康', ''],
      ['降低新生儿死亡率', ''],
      ['儿童健康素养水平持续提升', '县卫生健康局'],
      ['（二）儿童与安全领域', ''],
      ['减少儿童伤害所致死亡和残疾', '县公安局'],
    ];
    const read = rowsFromWordTables([table], children);
    expect(read.unmatched).toEqual([]);
    expect(read.rows.map((r) => [r.line, r.areaNumber, r.goalNumber])).toEqual([
      [3, 1, 1],
      [4, 1, 2],
      [6, 2, 1],
    ]);
  });

  it('matches rows by area row and printed number, unit lists in the annotation grammar', () => {
    const table = [
      ['某县妇女发展规划任务分工'],
      ['序号', '目标任务', '牵头单位', '配合单位', '备注'],
      ['（一）妇女与健康', '', '', '', ''],
      [
        '1',
        '妇女在全生命周期享有良好的卫生健康服务，\n妇女人均预期寿命延长。',
        '县卫生健康局',
        '县医保局、妇联，各成员单位',
        '',
      ],
      ['2', '孕产妇死亡率控制在12/10万以下。', '县卫生健康局', '县妇联', '重点'],
      ['（二）妇女与教育', '', '', '', ''],
      ['1', '加强思想政治教育，引导妇女做伟大事业的建设者。', '县委宣传部、教育局', '县妇联', ''],
    ];
    const read = rowsFromWordTables([table], GOALS);
    expect(read.unmatched).toEqual([]);
    expect(read.warnings).toEqual([]);
    expect(
      read.rows.map((r) => [
        r.line,
        r.areaNumber,
        r.goalNumber,
        r.leadUnits,
        r.responsibleUnits,
        r.allMembersResponsible,
      ]),
    ).toEqual([
      [4, 1, 1, ['县卫生健康局'], ['县医保局', '县妇联'], true],
      [5, 1, 2, ['县卫生健康局'], ['县妇联'], false],
      [7, 2, 1, ['县委宣传部', '县教育局'], ['县妇联'], false],
    ]);
  });

  it('uses an area column, takes the number from the goal text, and 主要责任单位 as lead when no 牵头 column', () => {
    const table = [
      ['领域', '主要目标', '主要责任单位', '协办单位'],
      ['妇女与教育', '2.教育工作全面贯彻男女平等基本国策。', '县教育局', '县妇联'],
    ];
    const read = rowsFromWordTables([table], GOALS);
    expect(read.rows.map((r) => [r.areaNumber, r.goalNumber, r.goalText, r.leadUnits, r.responsibleUnits])).toEqual([
      [2, 2, '教育工作全面贯彻男女平等基本国策。', ['县教育局'], ['县妇联']],
    ]);
  });

  it('warns with the row when number and text disagree, matching by text; reports rows that match nothing', () => {
    const table = [
      ['序号', '领域', '主要目标', '牵头单位', '责任单位'],
      ['1', '妇女与健康', '孕产妇死亡率控制在12/10万以下。', '县卫生健康局', ''],
      ['3', '妇女与健康', '全面推进健康村镇建设。', '县卫生健康局', ''],
    ];
    const read = rowsFromWordTables([table], GOALS);
    expect(read.rows.map((r) => [r.line, r.areaNumber, r.goalNumber])).toEqual([[2, 1, 2]]);
    expect(read.warnings).toEqual([
      {
        line: 2,
        code: 'NUMBER_TEXT_DISAGREE',
        params: { line: 2, printed: 1, area: 1, matched: 2 },
        message: '第2行：序号 1 对应第1领域目标 1，但文字与目标 2 相符，已按文字对应到目标 2',
      },
    ]);
    expect(localizeWarnings(read.warnings, 'en').map((w) => w.message)).toEqual([
      'row 2: number 1 names goal 1 of area 1, but its text matches goal 2; matched to goal 2 by text',
    ]);
    expect(read.unmatched).toEqual([{ line: 3, text: '3. 全面推进健康村镇建设。' }]);
  });

  it('reads the same table pasted as tab-separated text', () => {
    const text =
      '序号\t主要目标\t牵头单位\t责任单位\n（一）妇女与健康\n1\t妇女在全生命周期享有良好的卫生健康服务，妇女人均预期寿命延长。\t县卫生健康局\t县妇联\n';
    const read = rowsFromWordTables([tableFromTabText(text)], GOALS);
    expect(read.rows.map((r) => [r.line, r.areaNumber, r.goalNumber, r.leadUnits, r.responsibleUnits])).toEqual([
      [3, 1, 1, ['县卫生健康局'], ['县妇联']],
    ]);
  });

  it('finds no header in a table without one', () => {
    expect(
      rowsFromWordTables(
        [
          [
            ['a', 'b'],
            ['c', 'd'],
          ],
        ],
        GOALS,
      ).headerFound,
    ).toBe(false);
  });

  it('scores text similarity between 0 and 1', () => {
    expect(textSimilarity('孕产妇死亡率控制在12/10万以下。', '孕产妇死亡率控制在12/10万以下')).toBe(1);
    expect(textSimilarity('孕产妇死亡率', '教育工作')).toBe(0);
  });
});

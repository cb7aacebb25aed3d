import { describe, it, expect } from '@jest/globals';
import { detectAreaPrefix, expandUnitList, parseAnnotation } from '../annotation.js';

describe('parseAnnotation', () => {
  it('reads the domain.md example (closing bracket present)', () => {
    const a = parseAnnotation(
      '增强妇女心理健康意识,……妇女心理健康素养水平提升到20%。(牵头单位:自治县卫生健康局;责任单位:自治县总工会、科协、妇联,自治县教育科技局、民政局)',
    );
    expect(a).toEqual({
      text: '增强妇女心理健康意识,……妇女心理健康素养水平提升到20%。',
      lead: ['自治县卫生健康局'],
      responsible: ['自治县总工会', '自治县科协', '自治县妇联', '自治县教育科技局', '自治县民政局'],
      allMembersLead: false,
      allMembersResponsible: false,
      annotated: true,
      issues: [],
    });
  });

  it('accepts a missing closing bracket and full-width punctuation', () => {
    const half = parseAnnotation('目标。(牵头单位:自治县民政局;责任单位:自治县总工会、妇联、残联,自治县乡村振兴局');
    const full = parseAnnotation(
      '目标。（牵头单位：自治县民政局；责任单位：自治县总工会、妇联、残联，自治县乡村振兴局）',
    );
    expect(half.responsible).toEqual(['自治县总工会', '自治县妇联', '自治县残联', '自治县乡村振兴局']);
    expect(full).toEqual(half);
    expect(full.text).toBe('目标。');
  });

  it('handles the traps of domain.md', () => {
    // 自治县委宣传部、总工会 distributes 自治县, not 自治县委.
    expect(parseAnnotation('x。(责任单位:自治县委宣传部、总工会、团委').responsible).toEqual([
      '自治县委宣传部',
      '自治县总工会',
      '自治县团委',
    ]);
    // 共青团自治县委、妇联 gives 自治县妇联.
    expect(parseAnnotation('x。(责任单位:共青团自治县委、妇联,自治县教育科技局)').responsible).toEqual([
      '共青团自治县委',
      '自治县妇联',
      '自治县教育科技局',
    ]);
    // A city bureau's branch keeps its own name inside a 自治县 group…
    expect(parseAnnotation('x。(责任单位:自治县自然资源局、林业局、市生态环境局威宁分局').responsible).toEqual([
      '自治县自然资源局',
      '自治县林业局',
      '市生态环境局威宁分局',
    ]);
    // …but 市场监管局 is a county unit although it starts with 市.
    expect(
      parseAnnotation('x。(牵头单位:自治县卫生健康局、市场监管局;责任单位:自治县市场监管局、公安局)'),
    ).toMatchObject({
      lead: ['自治县卫生健康局', '自治县市场监管局'],
      responsible: ['自治县市场监管局', '自治县公安局'],
    });
    // 自治县委组织部、妇联 → 自治县妇联.
    expect(parseAnnotation('x。(责任单位:自治县委组织部、妇联').responsible).toEqual(['自治县委组织部', '自治县妇联']);
  });

  it('flags 各成员单位 without listing it as a unit', () => {
    expect(parseAnnotation('x。(牵头单位:自治县乡村振兴局;责任单位:各成员单位')).toMatchObject({
      lead: ['自治县乡村振兴局'],
      responsible: [],
      allMembersResponsible: true,
      allMembersLead: false,
    });
    expect(parseAnnotation('x。(牵头单位:各成员单位)')).toMatchObject({ lead: [], allMembersLead: true });
  });

  it('reads responsible-only and lead-only annotations', () => {
    expect(parseAnnotation('x。(责任单位:自治县教育科技局、人力资源社会保障局)')).toMatchObject({
      lead: [],
      responsible: ['自治县教育科技局', '自治县人力资源社会保障局'],
      annotated: true,
    });
    expect(parseAnnotation('x。(牵头单位:自治县委组织部')).toMatchObject({
      lead: ['自治县委组织部'],
      responsible: [],
      annotated: true,
    });
  });

  it('works with other place names (洪洞县, 威宁自治县, 县) and keeps names that carry their own', () => {
    expect(expandUnitList('洪洞县妇联、总工会,县委宣传部、团县委').units).toEqual([
      '洪洞县妇联',
      '洪洞县总工会',
      '县委宣传部',
      '团县委',
    ]);
    expect(expandUnitList('威宁自治县卫生健康局、医疗保障局、毕节市生态环境局威宁分局').units).toEqual([
      '威宁自治县卫生健康局',
      '威宁自治县医疗保障局',
      '毕节市生态环境局威宁分局',
    ]);
    expect(expandUnitList('县民政局、城市管理局、人民法院').units).toEqual(['县民政局', '县城市管理局', '县人民法院']);
    expect(expandUnitList('县人民政府办公室、县委办').units).toEqual(['县人民政府办公室', '县委办']);
  });

  it('is not fooled by prose that mentions 牵头', () => {
    const prose = '监测组由各级统计部门牵头,负责规划监测工作的组织、指导和培训。';
    expect(parseAnnotation(prose)).toMatchObject({ annotated: false, text: prose, lead: [], responsible: [] });
    expect(parseAnnotation('各牵头单位要加强协调。').annotated).toBe(false);
  });

  it('reads separate bracket groups and unit names with brackets inside', () => {
    expect(parseAnnotation('x。(牵头单位:县卫生健康局)(责任单位:县妇联、总工会)')).toMatchObject({
      lead: ['县卫生健康局'],
      responsible: ['县妇联', '县总工会'],
      text: 'x。',
    });
    expect(parseAnnotation('x。(牵头单位:县人民政府办公室(金融办)、县财政局').lead).toEqual([
      '县人民政府办公室(金融办)',
      '县财政局',
    ]);
  });

  it('reports words after the annotation and keeps them in the text', () => {
    const a = parseAnnotation('x。(牵头单位:县卫生健康局)另见附表。');
    expect(a.lead).toEqual(['县卫生健康局']);
    expect(a.text).toBe('x。 另见附表。');
    expect(a.issues).toHaveLength(1);
  });
});

describe('detectAreaPrefix', () => {
  it.each([
    ['自治县委宣传部', '自治县'],
    ['共青团自治县委', '自治县'],
    ['中共威宁自治县委组织部', '威宁自治县'],
    ['洪洞县妇联', '洪洞县'],
    ['市生态环境局威宁分局', '市'],
    ['贵州省妇联', '贵州省'],
    ['临汾市妇联', '临汾市'],
    ['县委宣传部', '县'],
    ['黔南布依族苗族自治州妇联', '黔南布依族苗族自治州'],
  ])('%s → %s', (name, area) => {
    expect(detectAreaPrefix(name)?.area).toBe(area);
  });

  it.each([
    '市场监管局',
    '市场监督管理局',
    '团委',
    '人民法院',
    '城市管理局',
    '社区矫正中心',
    '经济开发区管委会',
    '妇联',
    '县级医院',
  ])('%s has no area prefix', (name) => {
    expect(detectAreaPrefix(name)).toBeNull();
  });
});

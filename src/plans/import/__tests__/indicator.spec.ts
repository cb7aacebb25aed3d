import { describe, it, expect } from '@jest/globals';
import { extractIndicators } from '../indicator.js';

describe('extractIndicators', () => {
  it('≤ 12 per 100,000: 孕产妇死亡率下降到12/10万以下', () => {
    expect(extractIndicators('孕产妇死亡率下降到12/10万以下。')).toEqual([
      {
        phrase: '孕产妇死亡率下降到12/10万以下',
        name: '孕产妇死亡率',
        comparator: 'lte',
        value: 12,
        unit: 'per_100k',
        direction: 'decrease',
      },
    ]);
  });

  it('≥ 70%: 筛查率达70%以上', () => {
    expect(extractIndicators('适龄妇女宫颈癌筛查率达70%以上,乳腺癌筛查率逐步提高。')).toEqual([
      {
        phrase: '适龄妇女宫颈癌筛查率达70%以上',
        name: '适龄妇女宫颈癌筛查率',
        comparator: 'gte',
        value: 70,
        unit: '%',
        direction: 'increase',
      },
      { phrase: '乳腺癌筛查率逐步提高', name: '乳腺癌筛查率', comparator: 'qualitative', direction: 'increase' },
    ]);
    expect(extractIndicators('筛查率达70%以上')[0]).toMatchObject({
      name: '筛查率',
      comparator: 'gte',
      value: 70,
      unit: '%',
    });
  });

  it('≈ 35%: 达到35%左右', () => {
    expect(extractIndicators('城镇新增就业人口中女性比例达到35%左右')).toEqual([
      {
        phrase: '城镇新增就业人口中女性比例达到35%左右',
        name: '城镇新增就业人口中女性比例',
        comparator: 'about',
        value: 35,
        unit: '%',
        direction: 'increase',
      },
    ]);
    expect(extractIndicators('达到35%左右')).toEqual([
      { phrase: '达到35%左右', comparator: 'about', value: 35, unit: '%', direction: 'increase' },
    ]);
  });

  it('−18% on a baseline year: 以2020年为基数下降18%', () => {
    expect(extractIndicators('儿童伤害死亡率以2020年为基数下降18%。')).toEqual([
      {
        phrase: '儿童伤害死亡率以2020年为基数下降18%',
        name: '儿童伤害死亡率',
        comparator: 'change_from_baseline',
        value: -18,
        unit: '%',
        baselineYear: 2020,
        direction: 'decrease',
      },
    ]);
    expect(extractIndicators('以2020年为基数下降18%')[0]).toMatchObject({
      comparator: 'change_from_baseline',
      value: -18,
      unit: '%',
      baselineYear: 2020,
    });
  });

  it('a yearly change: 每年降低0.5个百分点以上', () => {
    expect(extractIndicators('5岁以下儿童贫血率每年降低0.5个百分点以上')).toEqual([
      {
        phrase: '5岁以下儿童贫血率每年降低0.5个百分点以上',
        name: '5岁以下儿童贫血率',
        comparator: 'yearly_change',
        value: -0.5,
        unit: 'percentage_points',
        direction: 'decrease',
      },
    ]);
  });

  it('a count: 至少有1名', () => {
    expect(extractIndicators('村“两委”班子成员中至少有1名女性成员,村委会主任中女性比例达到10%以上。')).toEqual([
      {
        phrase: '村“两委”班子成员中至少有1名女性成员',
        name: '村“两委”班子成员中女性成员',
        comparator: 'gte',
        value: 1,
        unit: 'count',
      },
      {
        phrase: '村委会主任中女性比例达到10%以上',
        name: '村委会主任中女性比例',
        comparator: 'gte',
        value: 10,
        unit: '%',
        direction: 'increase',
      },
    ]);
    expect(extractIndicators('至少有1名')[0]).toMatchObject({ comparator: 'gte', value: 1, unit: 'count' });
  });

  it('two indicators in one goal: 分别降至3.5‰、5.0‰以下', () => {
    expect(extractIndicators('新生儿死亡率、婴儿死亡率分别降至3.5‰、5.0‰以下。')).toEqual([
      {
        phrase: '新生儿死亡率、婴儿死亡率分别降至3.5‰、5.0‰以下',
        name: '新生儿死亡率',
        comparator: 'lte',
        value: 3.5,
        unit: '‰',
        direction: 'decrease',
      },
      {
        phrase: '新生儿死亡率、婴儿死亡率分别降至3.5‰、5.0‰以下',
        name: '婴儿死亡率',
        comparator: 'lte',
        value: 5,
        unit: '‰',
        direction: 'decrease',
      },
    ]);
    // 分别…和…, with the shared 死亡率 given to the names that lack it.
    expect(
      extractIndicators('新生儿、婴儿和5岁以下儿童死亡率分别控制在3.2‰、5.3‰和6.5‰以下').map((i) => [
        i.name,
        i.value,
        i.unit,
        i.comparator,
      ]),
    ).toEqual([
      ['新生儿死亡率', 3.2, '‰', 'lte'],
      ['婴儿死亡率', 5.3, '‰', 'lte'],
      ['5岁以下儿童死亡率', 6.5, '‰', 'lte'],
    ]);
    expect(
      extractIndicators('婴儿死亡率和5岁以下儿童死亡率分别降至3.5‰和5.0‰以下').map((i) => [i.name, i.value]),
    ).toEqual([
      ['婴儿死亡率', 3.5],
      ['5岁以下儿童死亡率', 5],
    ]);
  });

  it('qualitative targets keep the phrase', () => {
    expect(extractIndicators('担任正职的女干部在同级正职干部中的比例稳中有升。')).toEqual([
      {
        phrase: '担任正职的女干部在同级正职干部中的比例稳中有升',
        name: '担任正职的女干部在同级正职干部中的比例',
        comparator: 'qualitative',
        direction: 'increase',
      },
    ]);
    expect(extractIndicators('排查消除溺水隐患,儿童溺水死亡率持续下降。')).toEqual([
      { phrase: '儿童溺水死亡率持续下降', name: '儿童溺水死亡率', comparator: 'qualitative', direction: 'decrease' },
    ]);
    expect(extractIndicators('乳腺癌筛查率逐步提高')).toEqual([
      { phrase: '乳腺癌筛查率逐步提高', name: '乳腺癌筛查率', comparator: 'qualitative', direction: 'increase' },
    ]);
  });

  it('reads units: years, per 1,000 people, percentages in full width, 以内', () => {
    expect(extractIndicators('妇女人均预期寿命达到78.1岁')[0]).toMatchObject({
      name: '妇女人均预期寿命',
      value: 78.1,
      unit: 'years',
      comparator: 'gte',
    });
    expect(extractIndicators('力争女性劳动年龄人口平均受教育年限达到8.5年')[0]).toMatchObject({
      name: '女性劳动年龄人口平均受教育年限',
      value: 8.5,
      unit: 'years',
    });
    expect(extractIndicators('每千人口拥有3岁以下婴幼儿托位数达到4.5个')[0]).toMatchObject({
      value: 4.5,
      unit: 'per_1000',
    });
    expect(extractIndicators('妇女基本医疗保险参保率稳定在95％以上')[0]).toMatchObject({
      comparator: 'gte',
      value: 95,
      unit: '%',
    });
    expect(extractIndicators('城镇调查女性失业率控制在5.5%以内')[0]).toMatchObject({
      comparator: 'lte',
      value: 5.5,
      unit: '%',
    });
    expect(extractIndicators('社区党组织书记(居委会主任)中女性比例不少于30%')[0]).toMatchObject({
      comparator: 'gte',
      value: 30,
    });
  });

  it('names a bare value from the clause before it', () => {
    expect(extractIndicators('提高农村卫生厕所普及率，2025年达到85%左右。')).toEqual([
      {
        phrase: '达到85%左右',
        name: '农村卫生厕所普及率',
        comparator: 'about',
        value: 85,
        unit: '%',
        direction: 'increase',
      },
    ]);
  });

  it('finds nothing in plain prose and does not take years or ages for targets', () => {
    expect(extractIndicators('教育工作全面贯彻落实男女平等基本国策。')).toEqual([]);
    expect(extractIndicators('到2025年，健全服务体系。')).toEqual([]);
    expect(extractIndicators('开展0—6岁儿童健康管理工作')).toEqual([]);
  });

  it('stays fast on long adversarial input', () => {
    const nasty = `${'、'.repeat(5000)}${'1'.repeat(5000)}分别${'1%、'.repeat(2000)}以下${'以以以为'.repeat(2000)}`;
    const t0 = performance.now();
    extractIndicators(nasty);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('extractIndicators: floors and per-population rates (issue 11)', () => {
  it('达到 without 左右 is a floor; 左右 stays about', () => {
    expect(extractIndicators('妇女人均预期寿命达到78.1岁')).toEqual([
      {
        phrase: '妇女人均预期寿命达到78.1岁',
        name: '妇女人均预期寿命',
        comparator: 'gte',
        value: 78.1,
        unit: 'years',
        direction: 'increase',
      },
    ]);
    expect(extractIndicators('妇女人均预期寿命达到78.1岁左右')[0]).toMatchObject({ comparator: 'about', value: 78.1 });
  });

  it.each([
    ['每千人口拥有3岁以下婴幼儿托位数4.5张', '每千人口拥有3岁以下婴幼儿托位数', 4.5, 'per_1000'],
    ['每万人拥有儿童活动场所2个', '每万人拥有儿童活动场所', 2, 'per_10k'],
    ['每十万人口拥有儿科医生10名', '每十万人口拥有儿科医生', 10, 'per_100k'],
    ['每千名儿童拥有儿科执业（助理）医师1.12名', '每千名儿童拥有儿科执业（助理）医师', 1.12, 'per_1000'],
    ['每千人口拥有社会工作者3人', '每千人口拥有社会工作者', 3, 'per_1000'],
  ])('%s → ≥ %s', (text, name, value, unit) => {
    expect(extractIndicators(text)).toEqual([{ phrase: text, name, comparator: 'gte', value, unit }]);
  });

  it('reads English phrases like the Chinese ones', () => {
    expect(
      extractIndicators(
        'The participation rate in women’s basic pension insurance has reached over 95%, and the level of benefits has steadily improved.',
      ),
    ).toEqual([
      {
        phrase: 'The participation rate in women’s basic pension insurance has reached over 95%',
        name: 'participation rate in women’s basic pension insurance',
        comparator: 'gte',
        value: 95,
        unit: '%',
      },
    ]);
    expect(
      extractIndicators(
        'The proportion of women among community committee members remains at around 56 %, and the proportion of women among community committee directors reaches over 32 %.',
      ),
    ).toEqual([
      {
        phrase: 'The proportion of women among community committee members remains at around 56%',
        name: 'proportion of women among community committee members',
        comparator: 'about',
        value: 56,
        unit: '%',
      },
      {
        phrase: 'and the proportion of women among community committee directors reaches over 32%',
        name: 'proportion of women among community committee directors',
        comparator: 'gte',
        value: 32,
        unit: '%',
      },
    ]);
    expect(
      extractIndicators(
        'The mortality rates of newborns, infants and children under 5 years old are controlled below 3.22 ‰ , 5.8 ‰ and 5.8 ‰ respectively.',
      ).map((i) => [i.comparator, i.value, i.unit]),
    ).toEqual([
      ['lte', 3.22, '‰'],
      ['lte', 5.8, '‰'],
      ['lte', 5.8, '‰'],
    ]);
  });
});

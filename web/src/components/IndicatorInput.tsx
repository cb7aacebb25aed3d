import { useEffect, useState } from 'react';
import { Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import type { Locale } from '../api/types.js';
import {
  assessmentOptions,
  indicatorControl,
  indicatorPatch,
  reportedText,
  targetText,
  unitLabel,
  type Assessment,
  type IndicatorLike,
} from '../lib/indicators.js';

type Patch = NonNullable<ReturnType<typeof indicatorPatch>>;

/**
 * One indicator of a task item: a number in its unit for a quantitative target, an assessment
 * (达到/基本达到/未达到) with what it rests on for a qualitative one; read-only, what was reported.
 */
export function IndicatorInput({
  indicator,
  editable,
  locale,
  onSave,
}: {
  indicator: IndicatorLike;
  editable: boolean;
  locale: Locale;
  onSave: (patch: Patch) => void;
}) {
  const en = locale === 'en';
  const name = indicator.name ?? indicator.phrase ?? '';
  const [value, setValue] = useState<number | null>(indicator.reported ?? null);
  const [note, setNote] = useState(indicator.note ?? '');
  useEffect(() => {
    setValue(indicator.reported ?? null);
    setNote(indicator.note ?? '');
  }, [indicator.reported, indicator.note]);
  const save = (draft: Parameters<typeof indicatorPatch>[1]) => {
    const patch = indicatorPatch(indicator, draft);
    if (patch) onSave(patch);
  };
  const target = targetText(indicator, locale);
  const heading = (
    <Typography.Text type="secondary">
      {name}
      {target ? ` · ${target}` : ''}
    </Typography.Text>
  );

  if (!editable) {
    const reported = reportedText(indicator, locale);
    return (
      <Space size={4} wrap data-testid="indicator-report">
        {heading}
        {reported ? (
          <Tag color={indicator.assessment === 'not_met' ? 'red' : indicator.assessment ? 'green' : 'blue'}>
            {reported}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{en ? '(not reported)' : '（未填报）'}</Typography.Text>
        )}
      </Space>
    );
  }
  if (indicatorControl(indicator) === 'number') {
    const unit = unitLabel(indicator.unit, locale);
    return (
      <Space size={4} wrap>
        {heading}
        <InputNumber
          aria-label={`${name} ${en ? 'value' : '指标值'}`}
          value={value}
          onChange={(v) => setValue(typeof v === 'number' ? v : null)}
          suffix={unit || undefined}
          style={{ width: 150 }}
          onBlur={() => save({ value })}
        />
      </Space>
    );
  }
  return (
    <Space size={4} wrap align="start">
      {heading}
      <Select<Assessment>
        aria-label={`${name} ${en ? 'assessment' : '评估'}`}
        placeholder={en ? 'Assessment' : '评估'}
        allowClear
        style={{ width: 130 }}
        value={(indicator.assessment as Assessment | null) ?? undefined}
        options={assessmentOptions(locale)}
        onChange={(a) => save({ assessment: a ?? null, note })}
      />
      <Input
        aria-label={`${name} ${en ? 'basis of the assessment' : '评估依据'}`}
        placeholder={en ? 'What it rests on' : '评估依据'}
        style={{ width: 220, maxWidth: '100%' }}
        maxLength={2000}
        value={note}
        disabled={!indicator.assessment}
        onChange={(e) => setNote(e.target.value)}
        onBlur={() => save({ note })}
      />
    </Space>
  );
}

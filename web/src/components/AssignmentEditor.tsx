import { useEffect, useState } from 'react';
import { App, Button, Select, Space, Tag, Typography } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { getAllPages } from '../api/all-pages.js';
import type { ApiClient } from '../api/client.js';
import type { Locale } from '../api/types.js';
import {
  assignmentBody,
  assignmentLabel,
  hasLead,
  optionMatches,
  unitOptions,
  type AssignmentLike,
  type AssignmentRole,
  type UnitLike,
  type UnitOption,
} from '../lib/assignments.js';

/** The units of a committee, for the editor's Select (every page). Null while loading or when the user cannot edit. */
export function useCommitteeUnits(api: ApiClient, committeeId: number | null, enabled: boolean): UnitLike[] | null {
  const [units, setUnits] = useState<UnitLike[] | null>(null);
  useEffect(() => {
    if (!enabled || committeeId === null) return;
    let live = true;
    getAllPages<UnitLike>(api, '/units', { committeeId, sort: 'name' }).then(
      (all) => live && setUnits(all.items),
      () => live && setUnits([]),
    );
    return () => {
      live = false;
    };
  }, [api, committeeId, enabled]);
  return units;
}

export interface AssignmentEditorProps {
  goal: { id: number; assignments: AssignmentLike[] };
  /** The committee's units; null while they load. */
  units: UnitLike[] | null;
  canWrite: boolean;
  locale: Locale;
  api: Pick<ApiClient, 'post' | 'del'>;
  /** After an assignment was added or removed: reload the plan, say that duties follow on regeneration. */
  onChanged(): void;
}

const ROLE_LABEL: Record<AssignmentRole, Record<Locale, string>> = {
  lead: { 'zh-CN': '牵头单位', en: 'lead unit' },
  responsible: { 'zh-CN': '责任单位', en: 'responsible unit' },
};

/**
 * A goal's lead and responsible units. Office users who may write add a unit (searchable Select,
 * 各成员单位 for responsible) and remove one (confirmed); everyone else reads the tags. A goal
 * without a lead stands out: the office must assign one before duties can be generated for it.
 */
export function AssignmentEditor({ goal, units, canWrite, locale, api, onChanged }: AssignmentEditorProps) {
  const en = locale === 'en';
  const { message, modal } = App.useApp();
  const [adding, setAdding] = useState<AssignmentRole | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function add(role: AssignmentRole, value: UnitOption['value']) {
    setBusy(true);
    setError(null);
    try {
      await api.post('/assignments', assignmentBody(goal.id, role, value));
      setAdding(null);
      message.success(en ? 'Added; duties follow on the next regeneration' : '已添加，重新生成任务后生效');
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  function confirmRemove(a: AssignmentLike) {
    const name = assignmentLabel(a, locale);
    const role = ROLE_LABEL[a.role][locale];
    modal.confirm({
      title: en ? `Remove ${name} as ${role}?` : `移除${role}“${name}”？`,
      content: en
        ? 'Its duties for this goal are cancelled on the next regeneration (submitted ones are kept).'
        : '重新生成任务时，该单位在本目标下的任务将取消（已提交的保留）。',
      okText: en ? 'Remove' : '移除',
      okButtonProps: { danger: true },
      cancelText: en ? 'Cancel' : '取消',
      onOk: async () => {
        setError(null);
        try {
          await api.del(`/assignments/${a.id}`);
          message.success(en ? 'Removed; duties follow on the next regeneration' : '已移除，重新生成任务后生效');
          onChanged();
        } catch (e) {
          setError((e as Error).message);
        }
      },
    });
  }

  const tags = (role: AssignmentRole) =>
    goal.assignments
      .filter((a) => a.role === role)
      .map((a) => {
        const name = assignmentLabel(a, locale);
        const removeLabel = en ? `Remove ${name}` : `移除${name}`;
        return (
          <Tag
            key={a.id}
            color={role === 'lead' ? 'magenta' : undefined}
            closable={canWrite}
            closeIcon={
              canWrite ? (
                <CloseOutlined
                  role="button"
                  tabIndex={0}
                  aria-label={removeLabel}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      confirmRemove(a);
                    }
                  }}
                />
              ) : undefined
            }
            onClose={(e) => {
              // The tag stays until the server has removed the assignment and the plan is reloaded.
              e.preventDefault();
              confirmRemove(a);
            }}
          >
            {name}
          </Tag>
        );
      });

  const adder = (role: AssignmentRole) => {
    if (!canWrite) return null;
    const label = en ? `Add ${ROLE_LABEL[role].en}` : `添加${ROLE_LABEL[role]['zh-CN']}`;
    if (adding !== role)
      return (
        <Button
          size="small"
          type="dashed"
          icon={<PlusOutlined />}
          aria-label={label}
          onClick={() => {
            setError(null);
            setAdding(role);
          }}
        >
          {en ? 'Add' : '添加'}
        </Button>
      );
    return (
      <Select<UnitOption['value'], UnitOption>
        aria-label={label}
        size="small"
        style={{ width: 240 }}
        autoFocus
        defaultOpen
        showSearch={{ filterOption: (input, option) => optionMatches(input, option) }}
        loading={units === null || busy}
        disabled={busy}
        placeholder={en ? 'Search a unit by name' : '输入名称搜索单位'}
        notFoundContent={en ? 'No unit left to add' : '没有可添加的单位'}
        options={units ? unitOptions(units, goal.assignments, role, locale) : []}
        onChange={(value) => void add(role, value)}
        onBlur={() => !busy && setAdding(null)}
      />
    );
  };

  return (
    <Space wrap size={4} style={{ marginTop: 4 }}>
      <Typography.Text type="secondary">{en ? 'Lead' : '牵头'}:</Typography.Text>
      {tags('lead')}
      {!hasLead(goal.assignments) && <Tag color="warning">{en ? 'No lead unit' : '无牵头单位'}</Tag>}
      {adder('lead')}
      <Typography.Text type="secondary">{en ? 'Responsible' : '责任'}:</Typography.Text>
      {tags('responsible')}
      {adder('responsible')}
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </Space>
  );
}

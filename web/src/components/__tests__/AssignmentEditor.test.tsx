import { describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { App } from 'antd';
import { AssignmentEditor, type AssignmentEditorProps } from '../AssignmentEditor.js';

// Server rendering (the tests run in Node without a DOM): what each user sees before any click.
function render(props: Partial<AssignmentEditorProps>) {
  const api = { post: vi.fn(), del: vi.fn() } as unknown as AssignmentEditorProps['api'];
  return renderToStaticMarkup(
    <App>
      <AssignmentEditor
        goal={{ id: 1, assignments: [] }}
        units={[]}
        canWrite={false}
        locale="zh-CN"
        api={api}
        onChanged={() => undefined}
        {...props}
      />
    </App>,
  );
}

const withUnits = {
  id: 1,
  assignments: [
    { id: 5, role: 'lead' as const, allMembers: false, unit: { id: 2, name: '自治县卫生健康局' } },
    { id: 6, role: 'responsible' as const, allMembers: true, unit: null },
  ],
};

describe('AssignmentEditor', () => {
  it('marks a goal without a lead unit, in the user’s language', () => {
    expect(render({ goal: { id: 1, assignments: [] } })).toContain('无牵头单位');
    expect(render({ goal: { id: 1, assignments: [] }, locale: 'en' })).toContain('No lead unit');
    expect(render({ goal: withUnits })).not.toContain('无牵头单位');
  });

  it('shows viewers the units read-only: no add button, no remove control', () => {
    const html = render({ goal: withUnits, canWrite: false });
    expect(html).toContain('自治县卫生健康局');
    expect(html).toContain('各成员单位');
    expect(html).not.toContain('添加牵头单位');
    expect(html).not.toContain('移除');
  });

  it('gives office users who may write an add button per role and a labelled remove control per unit', () => {
    const html = render({ goal: withUnits, canWrite: true });
    expect(html).toContain('aria-label="添加牵头单位"');
    expect(html).toContain('aria-label="添加责任单位"');
    expect(html).toContain('aria-label="移除自治县卫生健康局"');
    expect(html).toContain('aria-label="移除各成员单位"');
  });
});

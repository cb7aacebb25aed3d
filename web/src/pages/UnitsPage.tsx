import { useCallback, useEffect, useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { getAllPages, type AllRows } from '../api/all-pages.js';
import type { UnitRow as Unit } from '../api/types.js';
import { useApp } from '../app-context.js';
import { useLatest } from '../lib/latest.js';
import { registerPagination } from '../components/common.js';
import { applyFieldErrors } from '../components/form-errors.js';

/** Member register: units, aliases, liaisons, membership dates, merge. */
export default function UnitsPage() {
  const { api, locale, canWrite } = useApp();
  const en = locale === 'en';
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [data, setData] = useState<AllRows<Unit> | null>(null);
  const [editing, setEditing] = useState<Unit | null>(null);
  const [merging, setMerging] = useState<Unit | null>(null);
  const [mergeSource, setMergeSource] = useState<number | undefined>();
  const [form] = Form.useForm();
  const latest = useLatest();
  // Typing in the search asks once per keystroke: only the newest answer is shown.
  const load = useCallback(
    () => latest(getAllPages<Unit>(api, '/units', { q: q || undefined, sort: 'name' }), setData, () => undefined),
    [api, q, latest],
  );
  useEffect(() => {
    void load();
  }, [load]);

  async function save(values: { name: string; memberSince?: string; memberUntil?: string; alias?: string }) {
    if (!editing) return;
    try {
      await api.patch(`/units/${editing.id}`, {
        name: values.name,
        memberSince: values.memberSince || null,
        memberUntil: values.memberUntil || null,
        version: editing.version,
      });
      if (values.alias) await api.post(`/units/${editing.id}/aliases`, { alias: values.alias });
      setEditing(null);
      void load();
    } catch (e) {
      message.error(applyFieldErrors(form, e));
    }
  }
  async function merge() {
    if (!merging || !mergeSource) return;
    try {
      await api.post(`/units/${merging.id}/merge`, { sourceUnitId: mergeSource });
      setMerging(null);
      void load();
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  return (
    <div>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {en ? 'Member units' : '成员单位'}
      </Typography.Title>
      <Input.Search
        aria-label={en ? 'Search units' : '搜索单位'}
        placeholder={en ? 'Name or alias' : '名称或简称'}
        allowClear
        onSearch={setQ}
        style={{ maxWidth: 280, marginBottom: 12 }}
      />
      <Table<Unit>
        rowKey="id"
        size="small"
        loading={!data}
        dataSource={data?.items ?? []}
        pagination={registerPagination(locale, data?.total ?? 0)}
        scroll={{ x: 900 }}
        locale={{
          emptyText: en
            ? 'No units yet: they are created when a plan is imported.'
            : '暂无单位：导入规划时会创建单位。',
        }}
        columns={[
          { title: en ? 'Name' : '名称', dataIndex: 'name' },
          {
            title: en ? 'Aliases' : '简称/别名',
            render: (_, u) => u.aliases.map((a) => <Tag key={a.id}>{a.alias}</Tag>),
          },
          {
            title: en ? 'Liaisons' : '联络员',
            render: (_, u) =>
              u.liaisons.map((l) => (
                <div key={l.id}>
                  {l.name} &lt;{l.email}&gt;
                </div>
              )),
          },
          {
            title: en ? 'Member' : '成员',
            render: (_, u) =>
              u.isMember ? `${u.memberSince ?? ''}${u.memberUntil ? ` – ${u.memberUntil}` : ''}` || '✓' : '—',
          },
          {
            title: '',
            render: (_, u) =>
              canWrite && (
                <Space>
                  <Button
                    size="small"
                    onClick={() => {
                      setEditing(u);
                      form.setFieldsValue({
                        name: u.name,
                        memberSince: u.memberSince,
                        memberUntil: u.memberUntil,
                        alias: '',
                      });
                    }}
                  >
                    {en ? 'Edit' : '编辑'}
                  </Button>
                  <Button size="small" onClick={() => setMerging(u)}>
                    {en ? 'Merge into' : '合并'}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal open={!!editing} title={editing?.name} onCancel={() => setEditing(null)} onOk={() => form.submit()}>
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="name" label={en ? 'Name' : '名称'} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="memberSince" label={en ? 'Member since (YYYY-MM-DD)' : '加入日期'}>
            <Input />
          </Form.Item>
          <Form.Item name="memberUntil" label={en ? 'Member until' : '退出日期'}>
            <Input />
          </Form.Item>
          <Form.Item name="alias" label={en ? 'Add an alias' : '添加别名'}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!merging}
        title={en ? `Merge another unit into ${merging?.name}` : `将其他单位合并到“${merging?.name}”`}
        onCancel={() => setMerging(null)}
        onOk={merge}
        okButtonProps={{ danger: true, disabled: !mergeSource }}
      >
        <Typography.Paragraph>
          {en
            ? 'Its assignments, tasks, names and liaisons move to this unit; it is then deleted.'
            : '被合并单位的分工、任务、名称和联络员将转到本单位，随后删除。'}
        </Typography.Paragraph>
        <Select
          aria-label={en ? 'Unit to merge' : '被合并单位'}
          showSearch
          optionFilterProp="label"
          style={{ width: '100%' }}
          value={mergeSource}
          onChange={setMergeSource}
          options={(data?.items ?? []).filter((u) => u.id !== merging?.id).map((u) => ({ value: u.id, label: u.name }))}
        />
      </Modal>
    </div>
  );
}

import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { getAllPages, type AllRows } from '../api/all-pages.js';
import type { Json, Locale, Page, Role, UnitRow } from '../api/types.js';
import { label } from '../lib/i18n.js';
import type {
  CreatedToken as ServerCreatedToken,
  TokenView as ServerTokenView,
  UserView as ServerUserView,
} from '../../../src/accounts/accounts.service.js';
import type { AuditEntry as ServerAuditEntry } from '../../../src/audit/audit-entry.entity.js';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '../../../src/audit/audit-labels.js';
import { useApp } from '../app-context.js';
import { registerPagination } from '../components/common.js';
import { applyFieldErrors } from '../components/form-errors.js';
import { formatInstant } from '../lib/dates.js';

/** GET /api/users (a Page). */
type UserRow = Json<ServerUserView>;
/** GET /api/tokens (a plain array, revoked tokens included). */
type TokenRow = Json<ServerTokenView>;
/** GET /api/audit (a Page of the entries as stored). */
type AuditRow = Json<ServerAuditEntry>;

const ROLE_NAMES: Record<Role, [string, string]> = {
  office_admin: ['办公室管理员', 'office admin'],
  office_staff: ['办公室工作人员', 'office staff'],
  viewer: ['领导（只读）', 'viewer'],
  unit_liaison: ['单位联络员', 'unit liaison'],
};

/** Users, personal API tokens and the audit log (the accounts API, issue 8). */
export default function AdminPages({ page }: { page: 'users' | 'tokens' | 'audit' }) {
  if (page === 'users') return <UsersPage />;
  if (page === 'tokens') return <TokensPage />;
  return <AuditPage />;
}

function NotAvailable({ error }: { error: string | null }) {
  return error ? <Alert type="warning" showIcon title={error} style={{ marginBottom: 12 }} /> : null;
}

function UsersPage() {
  const { api, locale } = useApp();
  const en = locale === 'en';
  const { message } = App.useApp();
  const [data, setData] = useState<AllRows<UserRow> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [units, setUnits] = useState<UnitRow[]>([]);
  const [open, setOpen] = useState<UserRow | 'new' | null>(null);
  const [form] = Form.useForm();
  const load = useCallback(
    () =>
      getAllPages<UserRow>(api, '/users').then(setData, (e: Error) => {
        setError(e.message);
        setData({ items: [], total: 0 });
      }),
    [api],
  );
  useEffect(() => {
    void load();
    getAllPages<UnitRow>(api, '/units', { sort: 'name' }).then(
      (p) => setUnits(p.items),
      () => undefined,
    );
  }, [api, load]);
  const role = Form.useWatch('role', form);

  async function save(v: {
    login: string;
    displayName: string;
    role: Role;
    unitId?: number;
    password?: string;
    disabled?: boolean;
    temporaryPassword?: string;
  }) {
    try {
      if (open === 'new')
        await api.post('/users', {
          login: v.login,
          displayName: v.displayName,
          role: v.role,
          unitId: v.role === 'unit_liaison' ? v.unitId : undefined,
          password: v.password || undefined,
        });
      else if (open)
        await api.patch(`/users/${open.id}`, {
          displayName: v.displayName,
          role: v.role,
          unitId: v.role === 'unit_liaison' ? v.unitId : null,
          disabled: v.disabled,
          temporaryPassword: v.temporaryPassword || undefined,
          version: open.version,
        });
      setOpen(null);
      void load();
    } catch (e) {
      message.error(applyFieldErrors(form, e));
    }
  }

  return (
    <div>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {en ? 'Users' : '用户'}
      </Typography.Title>
      <NotAvailable error={error} />
      <Button
        type="primary"
        style={{ marginBottom: 12 }}
        onClick={() => {
          form.resetFields();
          setOpen('new');
        }}
      >
        {en ? 'New user' : '新建用户'}
      </Button>
      <Table<UserRow>
        rowKey="id"
        size="small"
        loading={!data}
        dataSource={data?.items ?? []}
        pagination={registerPagination(locale, data?.total ?? 0)}
        scroll={{ x: 700 }}
        columns={[
          { title: en ? 'Login' : '登录名', dataIndex: 'login' },
          { title: en ? 'Name' : '姓名', dataIndex: 'displayName' },
          { title: en ? 'Role' : '角色', dataIndex: 'role', render: (r: Role) => ROLE_NAMES[r]?.[en ? 1 : 0] ?? r },
          {
            title: en ? 'Unit' : '单位',
            render: (_, u) => units.find((x) => x.id === u.unitId)?.name ?? '—',
          },
          {
            title: en ? 'State' : '状态',
            dataIndex: 'disabled',
            render: (d: boolean) =>
              d ? (
                <Tag color="red">{en ? 'disabled' : '已停用'}</Tag>
              ) : (
                <Tag color="green">{en ? 'active' : '正常'}</Tag>
              ),
          },
          {
            title: '',
            render: (_, u) => (
              <Button
                size="small"
                onClick={() => {
                  form.setFieldsValue({ ...u, temporaryPassword: '' });
                  setOpen(u);
                }}
              >
                {en ? 'Edit' : '编辑'}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={!!open}
        title={open === 'new' ? (en ? 'New user' : '新建用户') : en ? 'Edit user' : '编辑用户'}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="login"
            label={en ? 'Login (e-mail or short name)' : '登录名（邮箱或简称）'}
            rules={[{ required: true }]}
          >
            <Input disabled={open !== 'new'} />
          </Form.Item>
          <Form.Item name="displayName" label={en ? 'Display name' : '姓名'} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="role" label={en ? 'Role' : '角色'} rules={[{ required: true }]}>
            <Select options={Object.entries(ROLE_NAMES).map(([k, n]) => ({ value: k, label: n[en ? 1 : 0] }))} />
          </Form.Item>
          {role === 'unit_liaison' && (
            <Form.Item name="unitId" label={en ? 'Unit' : '单位'} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                options={units.map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
          )}
          {open === 'new' ? (
            <Form.Item
              name="password"
              label={en ? 'Initial password (empty: a reset link is needed)' : '初始密码（留空则需通过重置链接设置）'}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          ) : (
            <>
              <Form.Item
                name="temporaryPassword"
                label={en ? 'Temporary password (must be changed at next login)' : '临时密码（下次登录须修改）'}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item name="disabled" label={en ? 'Disabled' : '停用'} valuePropName="checked">
                <Switch />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </div>
  );
}

function TokensPage() {
  const { api, locale, session } = useApp();
  const en = locale === 'en';
  const { message, modal } = App.useApp();
  const [rows, setRows] = useState<TokenRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [form] = Form.useForm();
  const load = useCallback(
    () =>
      api.get<TokenRow[]>('/tokens').then(setRows, (e: Error) => {
        setError(e.message);
        setRows([]);
      }),
    [api],
  );
  useEffect(() => {
    void load();
  }, [load]);
  async function create(v: { name: string; expiresOn?: { format(f: string): string } }) {
    try {
      const r = await api.post<Json<ServerCreatedToken>>('/tokens', {
        name: v.name,
        expiresOn: v.expiresOn?.format('YYYY-MM-DD'),
      });
      setShown(r.token);
      form.resetFields();
      void load();
    } catch (e) {
      message.error(applyFieldErrors(form, e));
    }
  }
  return (
    <div>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {en ? 'Personal API tokens' : '个人 API 令牌'}
      </Typography.Title>
      <NotAvailable error={error} />
      <Typography.Paragraph>
        {en
          ? 'For scripts: send it as "Authorization: Bearer <token>". It is shown once.'
          : '供脚本使用：请求头 “Authorization: Bearer <令牌>”。令牌只显示一次。'}
      </Typography.Paragraph>
      {shown && (
        <Alert
          type="success"
          showIcon
          title={en ? 'Copy the token now; it will not be shown again.' : '请立即复制令牌，之后不再显示。'}
          description={
            <Typography.Text code copyable>
              {shown}
            </Typography.Text>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <Form form={form} layout="inline" onFinish={create} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="name" label={en ? 'Label' : '名称'} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="expiresOn" label={en ? 'Expires' : '有效期至'}>
          <DatePicker />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {en ? 'Create token' : '创建令牌'}
        </Button>
      </Form>
      <Table<TokenRow>
        rowKey="id"
        size="small"
        loading={!rows}
        dataSource={rows ?? []}
        pagination={false}
        locale={{ emptyText: en ? 'No tokens.' : '暂无令牌。' }}
        columns={[
          { title: en ? 'Label' : '名称', dataIndex: 'name' },
          { title: en ? 'Created' : '创建时间', dataIndex: 'createdAt', render: (d: string) => d?.slice(0, 10) },
          { title: en ? 'Expires' : '有效期至', dataIndex: 'expiresOn', render: (d: string | null) => d ?? '—' },
          {
            // The list keeps revoked and expired tokens (for the record): say which still works.
            // Valid through its last day in the committee's calendar, as the service checks it.
            title: en ? 'State' : '状态',
            render: (_, r) =>
              r.revokedAt ? (
                <Tag>{en ? `Revoked ${r.revokedAt.slice(0, 10)}` : `已吊销 ${r.revokedAt.slice(0, 10)}`}</Tag>
              ) : r.expiresOn && session && r.expiresOn < session.today ? (
                <Tag>{en ? 'Expired' : '已过期'}</Tag>
              ) : (
                <Tag color="green">{en ? 'Valid' : '有效'}</Tag>
              ),
          },
          {
            title: en ? 'Last used' : '最近使用',
            dataIndex: 'lastUsedAt',
            render: (d: string | null) => formatInstant(d, session?.timeZone) || '—',
          },
          {
            title: '',
            render: (_, r) =>
              r.revokedAt ? null : (
                <Button
                  size="small"
                  danger
                  onClick={() =>
                    modal.confirm({
                      title: en ? 'Revoke this token?' : '确认吊销该令牌？',
                      onOk: async () => {
                        await api.del(`/tokens/${r.id}`);
                        void load();
                      },
                    })
                  }
                >
                  {en ? 'Revoke' : '吊销'}
                </Button>
              ),
          },
        ]}
      />
    </div>
  );
}

const AUDIT_ACTIONS: Record<string, Record<Locale, string>> = AUDIT_ACTION_LABELS;

function AuditPage() {
  const { api, locale, session } = useApp();
  const en = locale === 'en';
  const [filter, setFilter] = useState<{ who?: string; entity?: string; from?: string; to?: string; page: number }>({
    page: 1,
  });
  const [data, setData] = useState<Page<AuditRow> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.get<Page<AuditRow>>('/audit', { ...filter, pageSize: 50 }).then(
      (page) => live && setData(page),
      (e: Error) => {
        if (!live) return;
        setError(e.message);
        setData({ items: [], total: 0, page: 1, pageSize: 50 });
      },
    );
    return () => {
      live = false;
    };
  }, [api, filter]);
  const qs = new URLSearchParams(
    Object.entries(filter).filter(([k, v]) => v && k !== 'page') as Array<[string, string]>,
  );
  return (
    <div>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {en ? 'Audit log' : '审计日志'}
      </Typography.Title>
      <NotAvailable error={error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={en ? 'Who' : '操作人'}
          placeholder={en ? 'Who' : '操作人'}
          allowClear
          onSearch={(v) => setFilter({ ...filter, who: v || undefined, page: 1 })}
          style={{ width: 160 }}
        />
        <Select
          aria-label={en ? 'What' : '对象'}
          placeholder={en ? 'What' : '对象'}
          allowClear
          showSearch
          optionFilterProp="label"
          value={filter.entity}
          onChange={(v?: string) => setFilter({ ...filter, entity: v || undefined, page: 1 })}
          options={Object.keys(AUDIT_ENTITY_LABELS).map((code) => ({
            value: code,
            label: label(AUDIT_ENTITY_LABELS[code], locale, code),
          }))}
          style={{ width: 180 }}
        />
        <DatePicker.RangePicker
          aria-label={en ? 'Period' : '时间段'}
          onChange={(r) =>
            setFilter({ ...filter, from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD'), page: 1 })
          }
        />
        <Button href={`/api/audit/export?${qs}&format=xlsx`}>{en ? 'Export .xlsx' : '导出 .xlsx'}</Button>
        <Button href={`/api/audit/export?${qs}&format=csv`}>{en ? 'Export .csv' : '导出 .csv'}</Button>
      </Space>
      <Table<AuditRow>
        rowKey="id"
        size="small"
        loading={!data}
        dataSource={data?.items ?? []}
        scroll={{ x: 800 }}
        pagination={{
          current: filter.page,
          pageSize: 50,
          total: data?.total ?? 0,
          showSizeChanger: false,
          onChange: (p) => setFilter({ ...filter, page: p }),
        }}
        columns={[
          {
            title: en ? 'When' : '时间',
            dataIndex: 'at',
            render: (d: string) => formatInstant(d, session?.timeZone, true),
          },
          { title: en ? 'Who' : '操作人', dataIndex: 'userLogin' },
          {
            title: en ? 'Action' : '操作',
            dataIndex: 'action',
            // An entry older than its words keeps its code.
            render: (a: string) => label(AUDIT_ACTIONS[a], locale, a),
          },
          {
            title: en ? 'What' : '对象',
            render: (_, r) =>
              `${label(AUDIT_ENTITY_LABELS[r.entity], locale, r.entity)}${r.entityId ? ` #${r.entityId}` : ''}`,
          },
          { title: en ? 'From' : '来源地址', dataIndex: 'address' },
        ]}
      />
    </div>
  );
}

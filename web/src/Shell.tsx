import { lazy, Suspense, useState } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Button, Drawer, Grid, Layout, Menu, Segmented, Space, Spin, Typography } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  FileTextOutlined,
  KeyOutlined,
  MailOutlined,
  MenuOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UploadOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useApp } from './app-context.js';
import { LAYOUT } from './lib/layout.js';

const DashboardPage = lazy(() => import('./pages/DashboardPage.js'));
const ImportPage = lazy(() => import('./pages/ImportPage.js'));
const PlansPage = lazy(() => import('./pages/PlansPage.js'));
const PlanPage = lazy(() => import('./pages/PlanPage.js'));
const TasksPage = lazy(() => import('./pages/TasksPage.js'));
const TaskPage = lazy(() => import('./pages/TaskPage.js'));
const MyTasksPage = lazy(() => import('./pages/MyTasksPage.js'));
const NoticesPage = lazy(() => import('./pages/NoticesPage.js'));
const UnitsPage = lazy(() => import('./pages/UnitsPage.js'));
const AdminPages = lazy(() => import('./pages/AdminPages.js'));
const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage.js'));
const CalendarPage = lazy(() => import('./pages/CalendarPage.js'));
const RollupPage = lazy(() => import('./pages/RollupPage.js'));

/** The admin layout: side menu (a drawer on phones), header with the user and the language switch. */
export default function Shell() {
  const { t, session, isOffice, locale, setLocale, api, setSession } = useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [drawer, setDrawer] = useState(false);
  const user = session!.user;
  const admin = user.role === 'office_admin';

  if (user.mustChangePassword && location.pathname !== '/change-password')
    return <Navigate to="/change-password" replace />;

  const items = isOffice
    ? [
        { key: '/', icon: <BarChartOutlined />, label: <Link to="/">{t('dashboard')}</Link> },
        { key: '/tasks', icon: <UnorderedListOutlined />, label: <Link to="/tasks">{t('tasks')}</Link> },
        { key: '/plans', icon: <FileTextOutlined />, label: <Link to="/plans">{t('plans')}</Link> },
        ...(user.role !== 'viewer'
          ? [{ key: '/import', icon: <UploadOutlined />, label: <Link to="/import">{t('importPlan')}</Link> }]
          : []),
        { key: '/notices', icon: <MailOutlined />, label: <Link to="/notices">{t('notices')}</Link> },
        { key: '/units', icon: <TeamOutlined />, label: <Link to="/units">{t('units')}</Link> },
        { key: '/rollup', icon: <ApartmentOutlined />, label: <Link to="/rollup">{t('rollup')}</Link> },
        ...(admin
          ? [
              { key: '/users', icon: <UserOutlined />, label: <Link to="/users">{t('users')}</Link> },
              { key: '/audit', icon: <AuditOutlined />, label: <Link to="/audit">{t('audit')}</Link> },
            ]
          : []),
        { key: '/calendar', icon: <CalendarOutlined />, label: <Link to="/calendar">{t('calendar')}</Link> },
        { key: '/tokens', icon: <KeyOutlined />, label: <Link to="/tokens">{t('tokens')}</Link> },
      ]
    : [
        { key: '/', icon: <CheckSquareOutlined />, label: <Link to="/">{t('myTasks')}</Link> },
        { key: '/calendar', icon: <CalendarOutlined />, label: <Link to="/calendar">{t('calendar')}</Link> },
        { key: '/tokens', icon: <KeyOutlined />, label: <Link to="/tokens">{t('tokens')}</Link> },
      ];
  const selected = items
    .map((i) => i.key)
    .filter((k) => (k === '/' ? location.pathname === '/' : location.pathname.startsWith(k)))
    .slice(-1);
  const menu = (
    <Menu mode="inline" theme="dark" selectedKeys={selected} items={items} onClick={() => setDrawer(false)} />
  );

  async function logout() {
    await api.post('/auth/logout', {}, { noRedirect: true }).catch(() => undefined);
    setSession(null);
    navigate('/login', { replace: true });
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!narrow && (
        <Layout.Sider width={LAYOUT.siderWidth} breakpoint="lg" collapsedWidth={LAYOUT.siderCollapsedWidth}>
          <nav aria-label="main">
            <div style={{ color: '#fff', padding: '16px', fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden' }}>
              落实 Luoshi
            </div>
            {menu}
          </nav>
        </Layout.Sider>
      )}
      {narrow && (
        <Drawer
          placement="left"
          open={drawer}
          onClose={() => setDrawer(false)}
          size={220}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          <nav aria-label="main">{menu}</nav>
        </Drawer>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            height: 56,
            lineHeight: '56px',
          }}
        >
          {narrow && <Button aria-label="menu" icon={<MenuOutlined />} onClick={() => setDrawer(true)} />}
          <Typography.Text
            strong
            style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
          >
            {user.unitName ?? user.committeeName ?? ''}
          </Typography.Text>
          <Space size="small">
            <Segmented
              size="small"
              aria-label={t('language')}
              value={locale}
              onChange={(v) => setLocale(v as 'zh-CN' | 'en')}
              options={[
                { label: '中文', value: 'zh-CN' },
                { label: 'EN', value: 'en' },
              ]}
            />
            {!narrow && user.id !== 0 ? (
              <Link to="/change-password" title={t('changePassword')}>
                {user.displayName}
              </Link>
            ) : (
              !narrow && <Typography.Text>{user.displayName}</Typography.Text>
            )}
            {user.id !== 0 && (
              <Button size="small" onClick={logout}>
                {t('logout')}
              </Button>
            )}
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? LAYOUT.contentPadding.narrow : LAYOUT.contentPadding.wide }}>
          <main>
            <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
              <Routes>
                <Route path="/" element={isOffice ? <DashboardPage /> : <MyTasksPage />} />
                <Route path="/my-tasks" element={<MyTasksPage />} />
                <Route path="/tasks" element={isOffice ? <TasksPage /> : <MyTasksPage />} />
                <Route path="/tasks/:id" element={<TaskPage />} />
                <Route path="/plans" element={<PlansPage />} />
                <Route path="/plans/:id" element={<PlanPage />} />
                <Route path="/import" element={<ImportPage />} />
                <Route path="/notices" element={<NoticesPage />} />
                <Route path="/units" element={<UnitsPage />} />
                <Route path="/users" element={<AdminPages page="users" />} />
                <Route path="/tokens" element={<AdminPages page="tokens" />} />
                <Route path="/audit" element={<AdminPages page="audit" />} />
                <Route path="/calendar" element={<CalendarPage />} />
                <Route path="/rollup" element={<RollupPage />} />
                <Route path="/change-password" element={<ChangePasswordPage />} />
                <Route path="*" element={<Typography.Paragraph>404</Typography.Paragraph>} />
              </Routes>
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

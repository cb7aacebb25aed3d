import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useApp } from '../app-context.js';
import { applyFieldErrors } from '../components/form-errors.js';

export default function ChangePasswordPage() {
  const { api, t, session, refreshSession } = useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  return (
    <Card title={t('changePassword')} style={{ maxWidth: 420 }}>
      {session?.user.mustChangePassword && (
        <Alert type="info" showIcon title={t('mustChange')} style={{ marginBottom: 12 }} />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v: { currentPassword: string; newPassword: string }) => {
          try {
            await api.post('/auth/password', v);
            await refreshSession();
            navigate('/', { replace: true });
          } catch (e) {
            setError(applyFieldErrors(form, e));
          }
        }}
      >
        <Form.Item name="currentPassword" label={t('currentPassword')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('newPassword')} rules={[{ required: true, min: 8 }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('save')}
        </Button>
      </Form>
    </Card>
  );
}

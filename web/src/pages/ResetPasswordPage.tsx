import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useApp } from '../app-context.js';
import { applyFieldErrors } from '../components/form-errors.js';

export default function ResetPasswordPage() {
  const { api, t } = useApp();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  return (
    <main style={{ minHeight: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
      <Card title={t('resetConfirm')} style={{ width: '100%', maxWidth: 380 }}>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v: { newPassword: string }) => {
            try {
              await api.post(
                '/auth/password-reset/confirm',
                { token: params.get('token') ?? '', newPassword: v.newPassword },
                { noRedirect: true },
              );
              navigate('/login', { replace: true });
            } catch (e) {
              setError(applyFieldErrors(form, e));
            }
          }}
        >
          <Form.Item name="newPassword" label={t('newPassword')} rules={[{ required: true, min: 8 }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block>
            {t('save')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}

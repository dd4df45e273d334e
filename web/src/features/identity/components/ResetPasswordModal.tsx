import { useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { t } from '../../../lib/i18n.js';
import type { StaffUser } from '../api/list-users.js';
import { updateUser } from '../api/update-user.js';

/** Sets a new password for an officer (who then signs in with it). */
export function ResetPasswordModal({ user, onClose }: { user: StaffUser | null; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();

  const handleFinish = async (v: { password: string }) => {
    if (!user) return;
    setBusy(true);
    setError(null);
    try {
      await updateUser(user.id, { password: v.password });
      message.success(t('users.passwordReset'));
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={t('users.resetPasswordTitle', { name: user?.fullName ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form noValidate form={form} layout="vertical" onFinish={handleFinish} preserve={false}>
        <Form.Item label={t('users.newPassword')} name="password" rules={[{ required: true }, { min: 10, message: t('users.passwordRule') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('users.confirmPassword')}
          name="confirm"
          dependencies={['password']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_r, value) => (value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('users.passwordMismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

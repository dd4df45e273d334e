import { useEffect, useState } from 'react';
import { App, Button, Drawer, Flex, Form, Input, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { issueFields } from '../../../lib/api-client.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { t } from '../../../lib/i18n.js';
import { optionsOf, roleLabel, staffRoles, type StaffRole } from '../../../lib/labels.js';
import type { Unit } from '../../../lib/units.js';
import { createUser } from '../api/create-user.js';
import type { StaffUser } from '../api/list-users.js';
import { updateUser } from '../api/update-user.js';
import { phoneRule } from '../../../lib/applicant-checks.js';

type Values = {
  username: string;
  fullName: string;
  email?: string;
  phone?: string;
  password?: string;
  homeUnitId: string;
  grants: { role: StaffRole; unitId: string }[];
};

type Props = {
  open: boolean;
  /** The officer to edit, or null to create one. */
  user: StaffUser | null;
  units: readonly Unit[];
  onClose: () => void;
  onSaved: (user: StaffUser) => void;
};

const blankToNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

/** Creates an officer or edits one: details and roles held at units (each role reaches the unit's subtree). */
export function UserFormDrawer({ open, user, units, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        username: user.username,
        fullName: user.fullName,
        email: user.email ?? undefined,
        phone: user.phone ?? undefined,
        homeUnitId: user.homeUnitId,
        grants: user.grants,
      });
    } else {
      form.setFieldsValue({ grants: [{ role: 'desk_officer', unitId: undefined as unknown as string }] });
    }
  }, [open, user, form]);

  const handleFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const saved = user
        ? await updateUser(user.id, { fullName: v.fullName, email: blankToNull(v.email), phone: blankToNull(v.phone), grants: v.grants })
        : await createUser({
            username: v.username,
            fullName: v.fullName,
            email: blankToNull(v.email),
            phone: blankToNull(v.phone),
            password: v.password ?? '',
            homeUnitId: v.homeUnitId,
            grants: v.grants,
          });
      message.success(user ? t('users.saved') : t('users.created'));
      onSaved(saved);
    } catch (err) {
      setError(err);
      // Refused input is said under its field too (the form's names are the request's; which ones only the answer knows).
      form.setFields(issueFields(err) as Parameters<typeof form.setFields>[0]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={620}
      title={user ? t('users.editTitle', { name: user.fullName }) : t('users.createTitle')}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <ErrorAlert error={error} />
      <Form<Values> noValidate form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item label={t('users.username')} name="username" rules={[{ required: true }, { pattern: /^[a-z0-9._-]{3,64}$/i, message: t('users.usernameRule') }]}>
          <Input disabled={!!user} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('users.fullName')} name="fullName" rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item label={t('users.email')} name="email" rules={[{ type: 'email' }]} style={{ flex: 1, minWidth: 200 }}>
            <Input type="email" />
          </Form.Item>
          <Form.Item label={t('users.phone')} name="phone" rules={[phoneRule('mobile')]} style={{ flex: 1, minWidth: 160 }}>
            <Input inputMode="tel" />
          </Form.Item>
        </Flex>
        {user ? null : (
          <>
            <Form.Item label={t('users.password')} name="password" rules={[{ required: true }, { min: 10, message: t('users.passwordRule') }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item label={t('users.homeUnit')} name="homeUnitId" rules={[{ required: true }]}>
              <UnitSelect units={units} />
            </Form.Item>
          </>
        )}
        <Form.List name="grants">
          {(fields, { add, remove }) => (
            <fieldset className="form-fieldset">
              <legend>{t('users.grants')}</legend>
              {fields.map((field) => (
                <Flex key={field.key} align="start" gap={8}>
                  {/* Role and unit share the row and wrap (unit under role) when it is too narrow for both; the remove button stays at the end. */}
                  <Flex wrap gap={8} style={{ flex: 1, minWidth: 0 }}>
                    <Form.Item name={[field.name, 'role']} rules={[{ required: true }]} style={{ flex: '1 1 170px', minWidth: 0 }}>
                      <Select aria-label={t('users.role')} options={optionsOf(staffRoles, roleLabel)} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'unitId']} rules={[{ required: true, message: t('common.pickUnit') }]} style={{ flex: '2 1 240px', minWidth: 0 }}>
                      <UnitSelect units={units} aria-label={t('users.grantUnit')} />
                    </Form.Item>
                  </Flex>
                  <Button type="text" aria-label={t('common.remove')} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} disabled={fields.length <= 1} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'specialist' })}>
                {t('users.addGrant')}
              </Button>
            </fieldset>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}

import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { t } from '../../../lib/i18n.js';
import { getNationalSsoOptions, nationalSsoStartUrl, requestSignInCode, signIn, type Me } from '../api/sign-in.js';
import { ApiError } from '../../../lib/api-client.js';

type Values = { username: string; password: string; code?: string };

/** Staff sign-in; the session lives in an HttpOnly cookie set by the server. */
export function LoginPage({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // A held account (strangers' wrong guesses): its owner signs in with the password and a one-time code.
  const [secondFactor, setSecondFactor] = useState(false);
  const [codeSent, setCodeSent] = useState<number | null>(null);
  const [form] = Form.useForm<Values>();
  const [nationalSso, setNationalSso] = useState(false);
  // Back from the national portal without a session: no officer is linked to that identity (or the portal failed).
  const ssoFailed = new URLSearchParams(window.location.search).get('loi') === 'dvcqg';
  useEffect(() => {
    getNationalSsoOptions().then((o) => setNationalSso(o.enabled), () => setNationalSso(false));
  }, []);

  const handleFinish = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn({ username: values.username, password: values.password, ...(values.code ? { code: values.code.trim() } : {}) }));
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && (err.details?.secondFactor === true || err.code === 'AUTH.ADDRESS_HELD')) setSecondFactor(true);
    } finally {
      setBusy(false);
    }
  };
  const handleSendCode = async () => {
    setError(null);
    try {
      setCodeSent((await requestSignInCode(String(form.getFieldValue('username') ?? ''))).expiresInMinutes);
      setSecondFactor(true);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <main className="login-screen">
      <Card style={{ width: 'min(400px, 94vw)' }}>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('app.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        <ErrorAlert error={error} />
        {ssoFailed ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('login.dvcqgFailed')} /> : null}
        {codeSent !== null ? <Typography.Paragraph role="status">{t('login.codeSent', { minutes: codeSent })}</Typography.Paragraph> : null}
        <Form<Values> noValidate form={form} layout="vertical" onFinish={handleFinish} requiredMark={false}>
          <Form.Item label={t('login.username')} name="username" rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {secondFactor ? (
            <>
              <Form.Item label={t('login.code')} name="code" rules={[{ pattern: /^\s*\d{6}\s*$/, message: t('login.code') }]}>
                <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
              </Form.Item>
              <Button block style={{ marginBottom: 12 }} onClick={() => void handleSendCode()}>
                {t('login.sendCode')}
              </Button>
            </>
          ) : null}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        {nationalSso ? (
          <Button block style={{ marginTop: 12 }} href={nationalSsoStartUrl(window.location.pathname.startsWith('/console/') ? window.location.pathname : '/console')}>
            {t('login.dvcqg')}
          </Button>
        ) : null}
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          <a href="/">{t('login.toPortal')}</a>
        </Typography.Paragraph>
      </Card>
    </main>
  );
}

import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Popconfirm, Select, Table, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { errorText } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { useAsync } from '../../../lib/use-async.js';
import { listUsers, type StaffUser } from '../../identity/api/list-users.js';
import { linkStaff, listStaffLinks, revokeStaffLink, type StaffLink } from '../api/staff-links.js';

type LinkForm = { userId: string; subject: string };

/**
 * Officers who sign in with their national portal account (Cổng DVCQG single sign-on): the administrator links an
 * officer of the units they manage to that account's identity (`sub`) and revokes it; the server checks the scope and
 * audits both.
 */
export function StaffLinksPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<LinkForm>();
  const links = useAsync(listStaffLinks, []);
  const [q, setQ] = useState('');
  const [officers, setOfficers] = useState<StaffUser[]>([]);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);

  // The officers the administrator manages (the server's scope), searched as they type.
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      listUsers({ q: q.trim() || undefined, limit: 20 })
        .then((page) => live && setOfficers(page.items.filter((u) => u.active)))
        .catch((err: unknown) => live && setFormError(err));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);

  const submit = async (v: LinkForm) => {
    setSaving(true);
    setFormError(null);
    try {
      await linkStaff(v.userId, v.subject.trim());
      const name = officers.find((o) => o.id === v.userId)?.fullName ?? '';
      message.success(t('ssoLinks.linked', { name, subject: v.subject.trim() }));
      form.resetFields();
      links.reload();
    } catch (err) {
      setFormError(err);
    } finally {
      setSaving(false);
    }
  };

  const revoke = async (l: StaffLink) => {
    try {
      await revokeStaffLink(l.userId);
      message.success(t('ssoLinks.revoked', { name: l.fullName }));
      links.reload();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 22 }}>
        {t('ssoLinks.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('ssoLinks.intro')}</Typography.Paragraph>
      <Card size="small" title={<h3 className="section-title">{t('ssoLinks.formTitle')}</h3>} className="detail-card">
        {formError ? <ErrorAlert error={formError} /> : null}
        <Form<LinkForm> noValidate form={form} layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: 560 }}>
          <Form.Item name="userId" label={t('ssoLinks.officer')} rules={[{ required: true, message: t('ssoLinks.officerRequired') }]}>
            <Select
              showSearch
              filterOption={false}
              onSearch={setQ}
              placeholder={t('ssoLinks.officerPlaceholder')}
              options={officers.map((o) => ({ value: o.id, label: `${o.fullName} (${o.username})` }))}
            />
          </Form.Item>
          <Form.Item
            name="subject"
            label={t('ssoLinks.subject')}
            extra={t('ssoLinks.subjectHint')}
            rules={[
              { required: true, whitespace: true, message: t('ssoLinks.subjectRequired') },
              { pattern: /^\s*\S+\s*$/, message: t('ssoLinks.subjectSpaces') },
              { max: 200 },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('ssoLinks.link')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={<h3 className="section-title">{t('ssoLinks.listTitle')}</h3>} className="detail-card" style={{ marginTop: 16 }}>
        {links.error ? <ErrorAlert error={links.error} /> : null}
        <Table<StaffLink>
          rowKey="userId"
          size="small"
          loading={links.loading}
          dataSource={links.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          // Fits the console's width at 1366 × 768 (issue 16): fixed layout, long names cut with an ellipsis (whole on
          // hover), the "Thu hồi" column always in view.
          tableLayout="fixed"
          locale={{ emptyText: t('ssoLinks.empty') }}
          columns={[
            { title: t('ssoLinks.officer'), ellipsis: { showTitle: true }, render: (_v, l) => `${l.fullName} (${l.username})` },
            { title: t('ssoLinks.unit'), dataIndex: 'homeUnitName', ellipsis: { showTitle: true } },
            { title: t('ssoLinks.subject'), dataIndex: 'subject', ellipsis: { showTitle: true } },
            { title: t('ssoLinks.linkedAt'), width: 140, render: (_v, l) => formatDateTime(l.linkedAt) },
            { title: t('ssoLinks.linkedBy'), ellipsis: { showTitle: true }, render: (_v, l) => l.linkedByName ?? '—' },
            {
              title: '',
              width: 96,
              render: (_v, l) => (
                <Popconfirm title={t('ssoLinks.revokeConfirm', { name: l.fullName, subject: l.subject })} okText={t('ssoLinks.revoke')} cancelText={t('common.cancel')} onConfirm={() => revoke(l)}>
                  <Button size="small" danger aria-label={`${t('ssoLinks.revoke')} ${l.fullName}`}>
                    {t('ssoLinks.revoke')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}

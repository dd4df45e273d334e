import { useEffect, useState } from 'react';
import { App, Button, Flex, Input, Popconfirm, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { t } from '../../../lib/i18n.js';
import { roleLabel } from '../../../lib/labels.js';
import { useUnits } from '../../../lib/units.js';
import { listUsers, type StaffUser } from '../api/list-users.js';
import { updateUser } from '../api/update-user.js';
import { ResetPasswordModal } from './ResetPasswordModal.js';
import { UserFormDrawer } from './UserFormDrawer.js';

const PAGE = 50;

/** Officer accounts: search, create, roles per unit, deactivate/activate, unlock, reset password. */
export function UsersPage() {
  const units = useUnits();
  const unitName = new Map((units.data ?? []).map((u) => [u.id, u.name]));
  const [q, setQ] = useState('');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [rows, setRows] = useState<StaffUser[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<StaffUser | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [resetting, setResetting] = useState<StaffUser | null>(null);
  const { message } = App.useApp();

  const load = async (after?: string) => {
    setLoading(true);
    setError(null);
    try {
      const page = await listUsers({ q: q.trim() || undefined, unitId: unitId ?? undefined, limit: PAGE, after });
      setRows((prev) => (after ? [...prev, ...page.items] : page.items));
      setNext(page.next);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };

  // The unit filter reloads at once; the text search runs on Enter.
  useEffect(() => {
    void load();
  }, [unitId]);

  const replaceRow = (u: StaffUser) => setRows((prev) => prev.map((r) => (r.id === u.id ? u : r)));

  const handleUpdate = async (u: StaffUser, input: Parameters<typeof updateUser>[1], done: string) => {
    try {
      replaceRow(await updateUser(u.id, input));
      message.success(done);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <PageTitle
        title={t('users.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setDrawerOpen(true);
            }}
          >
            {t('users.create')}
          </Button>
        }
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('users.search')}
          placeholder={t('users.search')}
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={() => void load()}
          style={{ maxWidth: 360 }}
        />
        <div style={{ minWidth: 280 }}>
          <UnitSelect units={units.data ?? []} loading={units.loading} value={unitId} onChange={(v) => setUnitId(typeof v === 'string' ? v : null)} allowClear placeholder={t('users.filterUnit')} aria-label={t('users.filterUnit')} />
        </div>
      </Flex>
      <ErrorAlert error={error ?? units.error} />
      <Table<StaffUser>
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={false}
        // Fits the console's content at 1366 px (1094 px beside the menu); scrolls sideways only below that.
        scroll={{ x: 1040 }}
        columns={[
          {
            title: t('users.fullName'),
            width: 210,
            render: (_v, u) => (
              <>
                <Typography.Text strong>{u.fullName}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{u.username}</Typography.Text>
              </>
            ),
          },
          { title: t('users.homeUnit'), dataIndex: 'homeUnitName', width: 220 },
          {
            title: t('users.grants'),
            render: (_v, u) => (
              <Flex gap={4} wrap>
                {u.grants.map((g) => (
                  // A long unit name wraps inside its tag rather than widening the column past the names beside it.
                  <Tag key={`${g.role}-${g.unitId}`} color={g.role === 'admin' ? 'red' : 'blue'} style={{ whiteSpace: 'normal' }}>
                    {roleLabel(g.role)} · {unitName.get(g.unitId) ?? '…'}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          {
            title: t('users.status'),
            width: 150,
            render: (_v, u) => (
              <Flex gap={4} wrap>
                {u.active ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>}
                {u.locked ? <Tag color="orange">{t('users.locked')}</Tag> : null}
              </Flex>
            ),
          },
          {
            title: t('common.actions'),
            width: 250,
            render: (_v, u) => (
              <Flex gap={4} wrap>
                <Button
                  size="small"
                  onClick={() => {
                    setEditing(u);
                    setDrawerOpen(true);
                  }}
                >
                  {t('common.edit')}
                </Button>
                <Button size="small" onClick={() => setResetting(u)}>
                  {t('users.resetPassword')}
                </Button>
                {u.locked ? (
                  <Button size="small" onClick={() => void handleUpdate(u, { unlock: true }, t('users.unlocked'))}>
                    {t('users.unlock')}
                  </Button>
                ) : null}
                {u.active ? (
                  <Popconfirm title={t('users.deactivateConfirm', { name: u.fullName })} okText={t('users.deactivate')} cancelText={t('common.cancel')} onConfirm={() => handleUpdate(u, { active: false }, t('users.deactivated'))}>
                    <Button size="small" danger>
                      {t('users.deactivate')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button size="small" onClick={() => void handleUpdate(u, { active: true }, t('users.activated'))}>
                    {t('users.activate')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
      {next ? (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button onClick={() => void load(next)} loading={loading}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      ) : null}
      <UserFormDrawer
        open={drawerOpen}
        user={editing}
        units={units.data ?? []}
        onClose={() => setDrawerOpen(false)}
        onSaved={(u) => {
          setDrawerOpen(false);
          if (editing) replaceRow(u);
          else setRows((prev) => [u, ...prev]);
        }}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}

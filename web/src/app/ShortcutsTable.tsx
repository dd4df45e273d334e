import { Table } from 'antd';
import { t } from '../lib/i18n.js';

export type Shortcut = { key: string; label: string; run: () => void };

/** The shortcut list in DeskShortcuts' dialog: its own chunk, so antd's Table stays out of the console's first load. */
export function ShortcutsTable({ shortcuts }: { shortcuts: Shortcut[] }) {
  return (
    <Table<Shortcut>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={shortcuts}
      columns={[
        { title: t('desk.shortcutKey'), width: 90, render: (_v, s) => <kbd className="kbd">{s.key === '/' ? '/' : s.key.toUpperCase()}</kbd> },
        { title: t('desk.shortcutAction'), dataIndex: 'label' },
      ]}
    />
  );
}

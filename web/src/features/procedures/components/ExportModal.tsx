import { useState } from 'react';
import { Button, Flex, Form, Modal } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { t } from '../../../lib/i18n.js';
import type { Unit } from '../../../lib/units.js';
import { exportProcedures, exportXlsxUrl } from '../api/export-procedures.js';

/** Xuất danh mục của một đơn vị thành tệp Excel (the import template's layout) or JSON (downloaded by the browser). */
export function ExportModal({ open, units, defaultUnitId, onClose }: { open: boolean; units: readonly Unit[]; defaultUnitId?: string; onClose: () => void }) {
  const [unitId, setUnitId] = useState<string | null>(defaultUnitId ?? null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const handleExport = async () => {
    if (!unitId) return;
    setBusy(true);
    setError(null);
    try {
      const data = await exportProcedures(unitId);
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `thu-tuc-${units.find((u) => u.id === unitId)?.code ?? 'don-vi'}-${data.exportedAt.slice(0, 10)}.json`;
      a.click();
      URL.revokeObjectURL(url);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('proc.exportTitle')} onCancel={onClose} footer={null} destroyOnHidden>
      <ErrorAlert error={error} />
      <Form noValidate layout="vertical">
        <Form.Item label={t('proc.ownerUnit')} required>
          <UnitSelect units={units} value={unitId} onChange={(v) => setUnitId(typeof v === 'string' ? v : null)} aria-label={t('proc.ownerUnit')} />
        </Form.Item>
      </Form>
      <Flex gap={8} justify="end">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button onClick={handleExport} disabled={!unitId} loading={busy}>
          {t('proc.exportJson')}
        </Button>
        <Button type="primary" href={unitId ? exportXlsxUrl(unitId) : undefined} disabled={!unitId} download onClick={onClose}>
          {t('proc.exportExcel')}
        </Button>
      </Flex>
    </Modal>
  );
}

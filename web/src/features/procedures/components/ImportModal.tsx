import { useEffect, useState } from 'react';
import { Alert, App, Form, Modal, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { ApiError } from '../../../lib/api-client.js';
import { t } from '../../../lib/i18n.js';
import type { Unit } from '../../../lib/units.js';
import { importProcedures, type ImportInput, type ImportResult } from '../api/import-procedures.js';

type Problem = { index: number; code: string | null; issues: string[] };

/** Nhập danh mục từ tệp JSON (an export file or an array of contents); all or nothing, entries become drafts. */
export function ImportModal({ open, units, defaultUnitId, onClose, onDone }: { open: boolean; units: readonly Unit[]; defaultUnitId?: string; onClose: () => void; onDone: () => void }) {
  const [unitId, setUnitId] = useState<string | null>(defaultUnitId ?? null);
  const [data, setData] = useState<ImportInput['data'] | null>(null);
  const [fileName, setFileName] = useState<string>('');
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();

  useEffect(() => {
    if (!open) return;
    setData(null);
    setFileName('');
    setError(null);
    setProblems([]);
    setResult(null);
    setUnitId((u) => u ?? defaultUnitId ?? null);
  }, [open, defaultUnitId]);

  const handleFile = async (file: File) => {
    setError(null);
    setProblems([]);
    try {
      const parsed: unknown = JSON.parse(await file.text());
      setData(parsed as ImportInput['data']);
      setFileName(file.name);
    } catch {
      setData(null);
      setError(new Error(t('proc.importNotJson')));
    }
  };

  const handleImport = async () => {
    if (!unitId || !data) {
      setError(new Error(t('proc.importMissing')));
      return;
    }
    setBusy(true);
    setError(null);
    setProblems([]);
    try {
      const r = await importProcedures({ ownerUnitId: unitId, data });
      setResult(r);
      message.success(t('proc.importDone'));
      onDone();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && Array.isArray(err.details?.errors)) setProblems(err.details.errors as Problem[]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('proc.importTitle')}
      onCancel={onClose}
      onOk={result ? onClose : handleImport}
      okText={result ? t('common.close') : t('proc.import')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      width={600}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      {problems.length ? (
        <ul className="problem-list">
          {problems.slice(0, 20).map((p) => (
            <li key={`${p.index}-${p.code}`}>
              #{p.index + 1} {p.code ?? ''}: {p.issues.join('; ')}
            </li>
          ))}
        </ul>
      ) : null}
      {result ? <Alert type="success" showIcon title={t('proc.importResult', result)} style={{ marginBottom: 16 }} /> : null}
      <Form layout="vertical">
        <Form.Item label={t('proc.ownerUnit')} required>
          <UnitSelect units={units} value={unitId} onChange={(v) => setUnitId(typeof v === 'string' ? v : null)} aria-label={t('proc.ownerUnit')} />
        </Form.Item>
        <Form.Item label={t('proc.importFile')} required extra={t('proc.importHint')}>
          <Upload.Dragger
            accept=".json,application/json"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(file) => {
              void handleFile(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{fileName || t('proc.importDrop')}</p>
          </Upload.Dragger>
        </Form.Item>
      </Form>
    </Modal>
  );
}

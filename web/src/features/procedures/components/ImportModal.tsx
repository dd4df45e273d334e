import { useEffect, useState } from 'react';
import { Alert, App, Form, Modal, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { ApiError } from '../../../lib/api-client.js';
import { t } from '../../../lib/i18n.js';
import type { Unit } from '../../../lib/units.js';
import { importProcedures, importProceduresXlsx, importTemplateUrl, type ImportInput, type ImportResult } from '../api/import-procedures.js';

type Problem = { index: number; code: string | null; issues: string[] };

/**
 * Nhập danh mục từ tệp Excel (the template's layout) or JSON (an export file or an array of contents); all or nothing,
 * entries become drafts. A workbook's problems are listed by row, as the officer fixes them in the spreadsheet.
 */
export function ImportModal({ open, units, defaultUnitId, onClose, onDone }: { open: boolean; units: readonly Unit[]; defaultUnitId?: string; onClose: () => void; onDone: () => void }) {
  const [unitId, setUnitId] = useState<string | null>(defaultUnitId ?? null);
  const [data, setData] = useState<ImportInput['data'] | null>(null);
  const [xlsx, setXlsx] = useState<File | null>(null);
  const [rows, setRows] = useState<string[]>([]);
  const [fileName, setFileName] = useState<string>('');
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();

  useEffect(() => {
    if (!open) return;
    setData(null);
    setXlsx(null);
    setRows([]);
    setFileName('');
    setError(null);
    setProblems([]);
    setResult(null);
    setUnitId((u) => u ?? defaultUnitId ?? null);
  }, [open, defaultUnitId]);

  const handleFile = async (file: File) => {
    setError(null);
    setProblems([]);
    setRows([]);
    setResult(null);
    if (/\.xlsx$/i.test(file.name)) {
      setXlsx(file);
      setData(null);
      setFileName(file.name);
      return;
    }
    setXlsx(null);
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
    if (!unitId || (!data && !xlsx)) {
      setError(new Error(t('proc.importMissing')));
      return;
    }
    setBusy(true);
    setError(null);
    setProblems([]);
    setRows([]);
    try {
      const r = xlsx ? await importProceduresXlsx(unitId, xlsx) : await importProcedures({ ownerUnitId: unitId, data: data! });
      setResult(r);
      message.success(t('proc.importDone'));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && Array.isArray(err.details?.rows)) {
        setRows(err.details.rows as string[]);
        setError(null);
      } else setError(err);
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
      width={720}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      {rows.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('proc.importRows', { n: rows.length })}
          description={
            <ul className="problem-list" aria-label={t('proc.importRows', { n: rows.length })}>
              {rows.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          }
        />
      ) : null}
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
      <Form noValidate layout="vertical">
        <Form.Item label={t('proc.ownerUnit')} required>
          <UnitSelect units={units} value={unitId} onChange={(v) => setUnitId(typeof v === 'string' ? v : null)} aria-label={t('proc.ownerUnit')} />
        </Form.Item>
        <Form.Item label={t('proc.importFile')} required extra={t('proc.importHint')}>
          <p style={{ marginTop: 0 }}>
            <a href={importTemplateUrl} download>
              {t('proc.importTemplate')}
            </a>
          </p>
          <Upload.Dragger
            accept=".xlsx,.json,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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

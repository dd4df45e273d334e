import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Table, Tag, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatDueTime, formatFileSize } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { dossierFileUrl } from '../api/download-dossier-file.js';
import type { DossierFile } from '../api/list-dossier-files.js';
import { uploadDossierFile, type FileKind } from '../api/upload-dossier-file.js';
import { fileKindLabel } from './dossier-labels.js';
import { SCAN_ACCEPT } from './ScanPicker.js';

/** A file the national portal sent only as a link (DuongDanTaiLieu): opened there, never fetched by us. */
export type LinkedFile = { documentName: string; link: string };
type Props = { dossierId: string; files: DossierFile[]; linked?: LinkedFile[]; loading: boolean; error: unknown; canAttach: boolean; defaultKind: FileKind; onChanged: () => void };
type Row = ({ link?: undefined } & DossierFile) | ({ link: string } & LinkedFile);

/** Only http(s) links are accepted at intake; anything else (an older record) is not made clickable. */
const isWebLink = (u: string) => /^https?:\/\/[^/]/i.test(u);
type Values = { documentName: string; kind: FileKind; documentNumber?: string };

const sizeText = formatFileSize;

/** The dossier's scans and results, each opening inline; the desk or the officer at the current step may attach more. */
export function FilesCard({ dossierId, files, linked = [], loading, error, canAttach, defaultKind, onChanged }: Props) {
  const rows: Row[] = [...files, ...linked.filter((l) => isWebLink(l.link))];
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const { message } = App.useApp();

  const handleOpen = () => {
    setFile(null);
    setUploadError(null);
    form.setFieldsValue({ documentName: '', kind: defaultKind, documentNumber: '' });
    setOpen(true);
  };

  const handleFinish = async (v: Values) => {
    if (!file) return setUploadError(new Error(t('dossier.fileRequired')));
    setBusy(true);
    setUploadError(null);
    try {
      await uploadDossierFile(dossierId, file, v.documentName.trim() || file.name, v.kind, v.kind === 'result' ? v.documentNumber?.trim() || null : null);
      message.success(t('dossier.uploaded', { name: file.name }));
      setOpen(false);
      onChanged();
    } catch (err) {
      setUploadError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={<h3 className="section-title">{t('dossier.files')}</h3>}
      extra={
        canAttach ? (
          <Button icon={<PaperClipOutlined />} onClick={handleOpen}>
            {t('dossier.attach')}
          </Button>
        ) : null
      }
      className="detail-card"
    >
      <ErrorAlert error={error} />
      <Table<Row>
        size="small"
        rowKey={(f) => (f.link !== undefined ? `link-${f.link}-${f.documentName}` : `${f.sha256}-${f.kind}-${f.documentName}`)}
        loading={loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('dossier.noFiles') }}
        scroll={{ x: 640 }}
        tableLayout="fixed"
        columns={[
          {
            title: t('dossier.document'),
            render: (_v, f) => (
              <>
                {f.documentName}
                {f.link === undefined && f.kind === 'result' && f.documentNumber ? <div className="result-number">{t('dossier.resultNumberShown', { number: f.documentNumber })}</div> : null}
                {/* DuocLayTuKhoDMQG: the citizen took it from their data store instead of uploading it (ND 45/2020 Điều 16). */}
                {f.link === undefined && f.fromNationalStore ? (
                  <Tag color="green" className="from-store-tag" style={{ marginInlineStart: 8 }}>
                    {t('dossier.fromNationalStore')}
                  </Tag>
                ) : null}
              </>
            ),
          },
          {
            title: t('dossier.file'),
            render: (_v, f) =>
              f.link !== undefined ? (
                // Someone else's site: a new tab that cannot reach back into the console (noopener).
                <a href={f.link} target="_blank" rel="noopener noreferrer" className="national-file-link">
                  {t('dossier.nationalFileLink')}
                </a>
              ) : (
                <a href={dossierFileUrl(dossierId, f.sha256)} target="_blank" rel="noreferrer">
                  {f.fileName}
                </a>
              ),
          },
          { title: t('dossier.fileKind'), width: 140, render: (_v, f) => fileKindLabel(f.link !== undefined ? 'component' : f.kind) },
          { title: t('dossier.size'), width: 80, render: (_v, f) => (f.link !== undefined ? '—' : sizeText(f.sizeBytes)) },
          { title: t('dossier.at'), width: 100, render: (_v, f) => (f.link !== undefined ? '—' : formatDueTime(f.addedAt)) },
        ]}
      />
      <Modal
        open={open}
        title={t('dossier.attachTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('dossier.attach')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        forceRender
      >
        <ErrorAlert error={uploadError} />
        <Form<Values> noValidate form={form} layout="vertical" onFinish={(v) => void handleFinish(v)}>
          <Form.Item label={t('dossier.chooseFile')} required>
            <Upload
              accept={SCAN_ACCEPT}
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                if (!form.getFieldValue('documentName')) form.setFieldValue('documentName', f.name.replace(/\.[^.]+$/, ''));
                return false;
              }}
              onRemove={() => setFile(null)}
              fileList={file ? [{ uid: 'chosen', name: file.name, status: 'done' }] : []}
            >
              <Button icon={<UploadOutlined />}>{t('dossier.chooseFile')}</Button>
            </Upload>
          </Form.Item>
          <Form.Item name="documentName" label={t('dossier.documentName')} rules={[{ max: 1000 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('dossier.fileKind')}>
            <Select options={(['component', 'result'] as const).map((k) => ({ value: k, label: fileKindLabel(k) }))} />
          </Form.Item>
          {kind === 'result' ? (
            // Số, ký hiệu of the result (MaGiayToKetQua sent to the national portal); left empty, the approval numbers it.
            <Form.Item name="documentNumber" label={t('dossier.resultNumber')} extra={t('dossier.resultNumberHelp')} rules={[{ max: 100, message: t('dossier.resultNumberTooLong') }]}>
              <Input placeholder="12/QĐ-UBND" />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </Card>
  );
}

import { Button, Flex, Select, Upload } from 'antd';
import { FilePdfOutlined, MinusCircleOutlined, PaperClipOutlined } from '@ant-design/icons';
import { t } from '../../../lib/i18n.js';

export type PendingScan = { uid: string; file: File; documentName: string };

export const SCAN_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

type Props = { scans: PendingScan[]; documentNames: string[]; onChange: (scans: PendingScan[]) => void };

/** Scans chosen at the desk before the dossier exists; each is tied to one document of the checklist. */
export function ScanPicker({ scans, documentNames, onChange }: Props) {
  const options = documentNames.filter(Boolean).map((n) => ({ value: n, label: n }));
  return (
    <>
      <p className="muted" style={{ marginTop: 0 }}>
        {t('intake.scansHint')}
      </p>
      {scans.length === 0 ? <p className="muted">{t('intake.noScans')}</p> : null}
      <ul className="scan-list">
        {scans.map((s) => (
          <li key={s.uid}>
            <Flex gap={8} align="center" wrap>
              <FilePdfOutlined aria-hidden />
              <span className="scan-name">{s.file.name}</span>
              <Select
                aria-label={t('intake.scanFor', { name: s.file.name })}
                value={s.documentName || undefined}
                onChange={(v: string) => onChange(scans.map((x) => (x.uid === s.uid ? { ...x, documentName: v } : x)))}
                options={options}
                style={{ minWidth: 260, flex: '1 1 260px' }}
              />
              <Button type="text" aria-label={t('common.remove')} icon={<MinusCircleOutlined />} onClick={() => onChange(scans.filter((x) => x.uid !== s.uid))} />
            </Flex>
          </li>
        ))}
      </ul>
      <Upload
        accept={SCAN_ACCEPT}
        multiple
        showUploadList={false}
        beforeUpload={(file, list) => {
          // Called once per file with the whole batch: add the batch on its first file only.
          if (file !== list[0]) return false;
          onChange([...scans, ...list.map((f) => ({ uid: f.uid, file: f as File, documentName: options[0]?.value ?? f.name }))]);
          return false;
        }}
      >
        <Button icon={<PaperClipOutlined />}>{t('intake.addScan')}</Button>
      </Upload>
    </>
  );
}

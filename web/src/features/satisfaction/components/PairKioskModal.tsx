import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Modal, QRCode, Select, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { t } from '../../../lib/i18n.js';
import { pairKiosk, type PairedKiosk } from '../api/pair-kiosk.js';
import { kioskPairingLink } from './satisfaction-labels.js';

export type Desk = { unitId: string; unitName: string };
type Props = { open: boolean; desks: Desk[]; onClose: () => void; onPaired: () => void };
type Values = { unitId: string; name: string };

/** What the officer opens on the tablet once: the link (also as QR code) and the device code inside it. */
function PairingLink({ kiosk }: { kiosk: PairedKiosk }) {
  const link = kioskPairingLink(window.location.origin, kiosk.token);
  return (
    <Flex vertical gap={12}>
      <Alert type="success" showIcon title={t('kiosk.paired', { name: kiosk.name })} />
      <Typography.Paragraph style={{ margin: 0 }}>{t('kiosk.openOnTablet')}</Typography.Paragraph>
      <Flex gap={16} wrap align="start">
        <QRCode value={link} size={180} bordered={false} aria-label={t('kiosk.qr')} />
        <Flex vertical gap={8} style={{ flex: '1 1 240px', minWidth: 0 }}>
          <div>
            <div className="muted">{t('kiosk.link')}</div>
            <Typography.Text copyable={{ text: link }} className="mono kiosk-link" style={{ wordBreak: 'break-all' }}>
              <a href={link} target="_blank" rel="noreferrer">
                {link}
              </a>
            </Typography.Text>
          </div>
          <div>
            <div className="muted">{t('kiosk.code')}</div>
            <Typography.Text copyable className="mono kiosk-code" style={{ wordBreak: 'break-all' }}>
              {kiosk.token}
            </Typography.Text>
          </div>
        </Flex>
      </Flex>
    </Flex>
  );
}

/**
 * Pairs a tablet with one of the officer's desks: names the device, then shows its link once (the server keeps only
 * the token's hash), to open on the tablet at /danh-gia/kiosk.
 */
export function PairKioskModal({ open, desks, onClose, onPaired }: Props) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [paired, setPaired] = useState<PairedKiosk | null>(null);

  const handleFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      setPaired(await pairKiosk({ unitId: v.unitId, name: v.name.trim() }));
      onPaired();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const handleClose = () => {
    setPaired(null);
    setError(null);
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('kiosk.pairTitle')}
      onCancel={handleClose}
      width={640}
      footer={
        paired ? (
          <Button type="primary" onClick={handleClose}>
            {t('common.close')}
          </Button>
        ) : (
          <Flex gap={8} justify="end">
            <Button onClick={handleClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()}>
              {t('kiosk.pairOk')}
            </Button>
          </Flex>
        )
      }
      forceRender
    >
      <ErrorAlert error={error} />
      {paired ? <PairingLink kiosk={paired} /> : null}
      {/* Kept mounted (hidden once paired), so closing can reset it for the next tablet. */}
      <div hidden={paired !== null}>
        <Form<Values> noValidate form={form} layout="vertical" initialValues={{ unitId: desks[0]?.unitId, name: '' }} onFinish={(v) => void handleFinish(v)}>
          <Form.Item name="unitId" label={t('kiosk.desk')} rules={[{ required: true }]}>
            <Select options={desks.map((d) => ({ value: d.unitId, label: d.unitName }))} />
          </Form.Item>
          <Form.Item name="name" label={t('kiosk.name')} rules={[{ required: true, whitespace: true, message: t('kiosk.nameRequired') }, { max: 100 }]}>
            <Input placeholder={t('kiosk.namePlaceholder')} autoComplete="off" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, InputNumber, Result, Row, Select, Statistic } from 'antd';
import { DesktopOutlined, NotificationOutlined, PlusOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { t } from '../../../lib/i18n.js';
import { callNextTicket, takeTicket, type Ticket } from '../api/queue-tickets.js';
import { useHallDisplay } from './use-hall-display.js';

type Desk = { unitId: string; unitName: string };
const COUNTER_KEY = 'motcua.counterNo';

function savedCounter(): number {
  try {
    const n = Number(localStorage.getItem(COUNTER_KEY));
    return Number.isInteger(n) && n >= 1 && n <= 99 ? n : 1;
  } catch {
    return 1;
  }
}

/**
 * Gọi số thứ tự at the desk: give a new number to a citizen who arrives, call the next waiting number to this counter
 * (key G), see what the hall's screen shows, and open that screen on the hall's TV.
 */
export function QueueTicketsPage({ desks, screenPath }: { desks: Desk[]; screenPath: (deskUnitId: string) => string }) {
  const [deskUnitId, setDeskUnitId] = useState(desks[0]?.unitId);
  const [counterNo, setCounterNo] = useState(savedCounter);
  const [tick, setTick] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [called, setCalled] = useState<Ticket | null>(null);
  const { message } = App.useApp();
  const { data } = useHallDisplay(deskUnitId, 5000, tick);

  useEffect(() => {
    try {
      localStorage.setItem(COUNTER_KEY, String(counterNo));
    } catch {
      // storage disabled: the counter lasts for this page
    }
  }, [counterNo]);

  if (!deskUnitId) return <Result status="403" title={t('desk.ticketsTitle')} subTitle={t('intake.noDesk')} />;

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      setTick((n) => n + 1);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const handleTake = () =>
    run(async () => {
      const ticket = await takeTicket(deskUnitId);
      message.success(t('desk.ticketsTaken', { number: ticket.number }));
    });
  const handleCall = () =>
    run(async () => {
      setCalled(await callNextTicket(deskUnitId, counterNo));
    });

  return (
    <>
      <PageTitle title={t('desk.ticketsTitle')} />
      <Form noValidate layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('desk.ticketsDesk')} htmlFor="ticket-desk">
          <Select id="ticket-desk" style={{ minWidth: 280 }} value={deskUnitId} onChange={setDeskUnitId} options={desks.map((d) => ({ value: d.unitId, label: d.unitName }))} />
        </Form.Item>
        <Form.Item label={t('desk.ticketsCounter')} htmlFor="ticket-counter">
          <InputNumber<number> id="ticket-counter" min={1} max={99} value={counterNo} onChange={(v) => v && setCounterNo(v)} />
        </Form.Item>
        <Button icon={<DesktopOutlined />} href={screenPath(deskUnitId)} target="_blank" rel="noreferrer">
          {t('desk.ticketsScreen')}
        </Button>
      </Form>
      <ErrorAlert error={error} />
      {called ? <Alert role="status" type="success" showIcon style={{ marginBottom: 16 }} title={t('desk.ticketsCalling', { number: called.number, counter: called.counterNo ?? counterNo })} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card size="small">
            <Flex gap={12} wrap>
              <Button type="primary" size="large" icon={<NotificationOutlined />} loading={busy} onClick={() => void handleCall()} data-shortcut="call-next" aria-keyshortcuts="g">
                {t('desk.ticketsCall')}
              </Button>
              <Button size="large" icon={<PlusOutlined />} disabled={busy} onClick={() => void handleTake()}>
                {t('desk.ticketsTake')}
              </Button>
            </Flex>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('desk.ticketsWaiting')} value={data?.waiting ?? '—'} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('desk.ticketsCounter')} value={counterNo} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={<h3 className="section-title">{t('desk.screenTitle')}</h3>}>
            {data && data.counters.length > 0 ? (
              <Flex gap={12} wrap>
                {data.counters.map((c) => (
                  <Card key={c.counterNo} size="small" style={{ minWidth: 140, textAlign: 'center' }}>
                    <Statistic title={t('desk.screenCounter', { counter: c.counterNo })} value={c.number} />
                  </Card>
                ))}
              </Flex>
            ) : (
              t('desk.ticketsNone')
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}

import { useEffect, useRef, useState } from 'react';
import { App, Badge, Button, DatePicker, Flex, Input, Select, Table, Tabs, Tag } from 'antd';
import { ExportOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { formatDueTime } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { Link, navigate, useLocation } from '../../../lib/router.js';
import { listDossiers, type Queue, type QueueCounts, type QueueItem, type QueueQuery } from '../api/list-dossiers.js';
import { readDeskScan } from '../../../../../server/src/modules/dossiers/dossier-search.rules.js';
import { compactCode } from '../../../../../server/src/modules/dossiers/tracking-code.rules.js';
import {
  channelLabel,
  channels,
  currentStep,
  deadlineColor,
  deadlineLabel,
  dossierStatuses,
  finishColor,
  finishLabel,
  queueLabel,
  queues,
  statusColor,
  statusLabel,
} from './dossier-labels.js';

const PAGE = 30;

type Props = { listPath: string; intakePath?: string; dossierPath: (id: string) => string };
type Filters = { status?: QueueQuery['status']; channel?: QueueQuery['channel']; from?: Dayjs | null; to?: Dayjs | null };

function isQueue(v: string | null): v is Queue {
  return v !== null && (queues as readonly string[]).includes(v);
}

/** The due time of a row with its deadline tag (running dossiers) or how it finished (closed ones). */
function DueCell({ row }: { row: QueueItem }) {
  // The server's state (dueSoonUntil on the working calendar): the same rule as the "Sắp đến hạn" tab.
  const state = row.deadlineState;
  return (
    <Flex gap={4} align="center" className="nowrap">
      <span>{formatDueTime(row.dueAt)}</span>
      {state ? <Tag color={deadlineColor(state)}>{deadlineLabel(state)}</Tag> : null}
      {!state && row.finishClass ? <Tag color={finishColor(row.finishClass)}>{finishLabel(row.finishClass)}</Tag> : null}
    </Flex>
  );
}

/**
 * Hồ sơ: the officer's work queues with their counts, and a search over every dossier in scope (code, accent-free
 * name, CCCD, phone) with status, channel and date filters; "Xem thêm" follows the server's keyset cursor.
 */
export function QueuePage({ listPath, intakePath, dossierPath }: Props) {
  const { search } = useLocation();
  const fromUrl = search.get('queue');
  const queue: Queue = isQueue(fromUrl) ? fromUrl : 'unit';
  const [q, setQ] = useState(search.get('q') ?? '');
  const [filters, setFilters] = useState<Filters>({});
  const [rows, setRows] = useState<QueueItem[]>([]);
  const [counts, setCounts] = useState<QueueCounts | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(0);
  /** The text of the search the rows show ('' = the tab's own list): while set, no tab is selected. */
  const [searched, setSearched] = useState('');
  const { message } = App.useApp();

  /** A search looks at every dossier in scope, whatever the tab (the tab only lists its own work). */
  const load = async (before?: string, text: string = q): Promise<QueueItem[]> => {
    const call = ++latest.current;
    setLoading(true);
    setError(null);
    try {
      const search = text.trim();
      const page = await listDossiers({
        queue: search ? 'all' : queue,
        q: search || undefined,
        status: filters.status,
        channel: filters.channel,
        from: filters.from?.format('YYYY-MM-DD'),
        to: filters.to?.format('YYYY-MM-DD'),
        before,
        limit: PAGE,
      });
      if (call !== latest.current) return [];
      setSearched(search);
      setRows((prev) => (before ? [...prev, ...page.items] : page.items));
      setNext(page.next);
      setCounts({ counts: page.counts, boundedCounts: page.boundedCounts, countBound: page.countBound });
      return page.items;
    } catch (err) {
      if (call === latest.current) setError(err);
    } finally {
      if (call === latest.current) setLoading(false);
    }
    return [];
  };

  /**
   * Enter in the search box. A scanner types the receipt's QR link (or a barcode's code) and Enter: the dossier it
   * designates opens at once; anything else lists what matches.
   */
  const handleSearch = async (value: string) => {
    const scan = readDeskScan(value);
    if (scan?.kind === 'id') return navigate(dossierPath(scan.id));
    const text = scan?.kind === 'code' ? scan.code : value;
    if (text !== value) setQ(text);
    const found = await load(undefined, text);
    if (scan?.kind === 'code') {
      const hit = found.find((r) => r.code && compactCode(r.code) === compactCode(scan.code));
      if (hit) navigate(dossierPath(hit.id));
      else message.warning(t('desk.scanNotFound', { code: scan.code }));
    }
  };

  // Tabs and filters reload at once; the text search runs on Enter.
  useEffect(() => {
    void load();
  }, [queue, filters]);

  // Text typed before this page was there ("/" then a code and Enter from another page, DeskShortcuts) arrives in the
  // URL: it fills the box, and with `go` it is searched (a scanned code opens its dossier) as if Enter was pressed here.
  const handedQ = search.get('q');
  const handedGo = search.get('go') === '1';
  useEffect(() => {
    if (handedQ === null) return;
    setQ(handedQ);
    if (handedGo) {
      navigate(`${listPath}?${new URLSearchParams({ queue: 'all', q: handedQ })}`, { replace: true });
      void handleSearch(handedQ);
    }
  }, [handedQ, handedGo]);

  // A tab lists its own work: choosing one leaves the search (which looks at every dossier).
  const handleQueue = (key: string) => {
    setQ('');
    navigate(`${listPath}?${new URLSearchParams({ queue: key })}`, { replace: true });
    // The tab the search was typed on: the URL does not change, so its list is loaded here.
    if (key === queue) void load(undefined, '');
  };

  // The online intake queue concerns the desk (who may receive); others keep the shorter tab bar.
  const tabs = queues.filter((key) => key !== 'online' || intakePath || queue === 'online').map((key) => {
    const n = key === 'all' ? null : (counts?.counts[key] ?? null);
    // Tabs the server counts only up to a bound show "99+" beyond it; the others are exact counters.
    const bounded = !!counts && key !== 'all' && counts.boundedCounts.includes(key);
    const alert = key === 'overdue' || key === 'needs_apology';
    return {
      key,
      label: (
        <span className="queue-tab">
          {queueLabel(key)}
          {n !== null ? <Badge count={n} showZero overflowCount={bounded ? counts.countBound - 1 : 999} color={alert && n > 0 ? '#cf1322' : '#595959'} /> : null}
        </span>
      ),
    };
  });

  return (
    <>
      <PageTitle
        title={t('dossier.title')}
        extra={
          intakePath ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(intakePath)}>
              {t('nav.intake')}
            </Button>
          ) : null
        }
      />
      {/* A search looks at every dossier: no tab is selected then, and the note says what the rows are. */}
      <Tabs activeKey={searched ? 'search' : queue} onChange={handleQueue} items={tabs} aria-label={t('dossier.queues')} tabBarGutter={4} size="small" className={searched ? 'queue-tabs-searching' : undefined} />
      {searched ? (
        <p className="muted" role="status" data-testid="search-scope">
          {t('queue.searchScope', { q: searched })}
        </p>
      ) : null}
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          id="dossier-search"
          aria-label={t('desk.searchAll')}
          aria-keyshortcuts="/"
          title={t('desk.searchAll')}
          placeholder={t('dossier.search')}
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(value) => void handleSearch(value)}
          style={{ maxWidth: 460, flex: '1 1 340px' }}
        />
        <Select
          aria-label={t('dossier.statusFilter')}
          value={filters.status ?? 'all'}
          onChange={(v: string) => setFilters((f) => ({ ...f, status: v === 'all' ? undefined : (v as Filters['status']) }))}
          style={{ width: 200 }}
          options={[{ value: 'all', label: t('dossier.allStatuses') }, ...dossierStatuses.map((s) => ({ value: s, label: statusLabel(s) }))]}
        />
        <Select
          aria-label={t('dossier.channelFilter')}
          value={filters.channel ?? 'all'}
          onChange={(v: string) => setFilters((f) => ({ ...f, channel: v === 'all' ? undefined : (v as Filters['channel']) }))}
          style={{ width: 160 }}
          options={[{ value: 'all', label: t('dossier.allChannels') }, ...channels.map((c) => ({ value: c, label: channelLabel(c) }))]}
        />
        <DatePicker aria-label={t('dossier.dateFrom')} placeholder={t('dossier.dateFrom')} format="DD/MM/YYYY" value={filters.from} onChange={(d) => setFilters((f) => ({ ...f, from: d }))} />
        <DatePicker aria-label={t('dossier.dateTo')} placeholder={t('dossier.dateTo')} format="DD/MM/YYYY" value={filters.to} onChange={(d) => setFilters((f) => ({ ...f, to: d }))} />
      </Flex>
      <ErrorAlert error={error} />
      <Table<QueueItem>
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={false}
        size="small"
        className="queue-table"
        scroll={{ x: 1040 }}
        tableLayout="fixed"
        locale={{ emptyText: t('dossier.empty') }}
        columns={[
          // Widths at 1366 px: the dates and "Sắp đến hạn" fit their cells (they ran into the next column), the procedure takes the rest.
          {
            title: t('dossier.code'),
            width: 190,
            render: (_v, d) => (
              <>
                <Link to={dossierPath(d.id)} className="mono nowrap">
                  {d.code ?? t('dossier.noCode')}
                </Link>
                {/* Submitted on the national portal: the code the citizen holds, to find it when they call. */}
                {d.nationalCode ? (
                  <div className="mono nowrap queue-national-code" title={t('dossier.nationalCode')}>
                    {t('dossier.nationalCodeShort')}: {d.nationalCode}
                  </div>
                ) : null}
              </>
            ),
          },
          { title: t('dossier.applicant'), dataIndex: 'applicantName', width: 140, ellipsis: { showTitle: true } },
          {
            title: t('dossier.procedure'),
            render: (_v, d) =>
              d.sentBack ? (
                <>
                  <div>{d.procedureName}</div>
                  <div className="sent-back" role="note">
                    <strong>{t('queue.sentBack')}</strong> — {t('queue.sentBackBy', { by: d.sentBack.by, note: d.sentBack.note ?? '' })}
                  </div>
                </>
              ) : (
                <div className="one-line" title={d.procedureName}>
                  {d.procedureName}
                </div>
              ),
          },
          { title: t('dossier.step'), width: 100, ellipsis: { showTitle: true }, render: (_v, d) => currentStep(d) },
          { title: t('dossier.status'), width: 150, render: (_v, d) => (
              // One line: the tag (cut with "…", whole in its title) and, at the desk, the return action as an icon, so a
              // row awaiting return is no taller than the others and ten rows still fit a 1366×768 screen.
              <Flex gap={2} align="center" wrap={false} className="queue-status">
                <Tag color={statusColor(d.status)} className="status-tag" title={statusLabel(d.status)}>
                  {statusLabel(d.status)}
                </Tag>
                {/* At the desk, a result waiting to be handed out is returned from its row (the dossier's form opens). */}
                {intakePath && d.awaitingReturn ? (
                  <Button
                    size="small"
                    type="link"
                    className="queue-row-action"
                    icon={<ExportOutlined />}
                    onClick={() => navigate(`${dossierPath(d.id)}?action=return_result`)}
                    aria-label={t('queue.returnResultOf', { code: d.code ?? '' })}
                    title={t('queue.returnResult')}
                  />
                ) : null}
              </Flex>
            ),
          },
          { title: t('dossier.submittedAt'), width: 134, render: (_v, d) => <span className="nowrap">{formatDueTime(d.submittedAt)}</span> },
          { title: t('dossier.dueAt'), width: 236, render: (_v, d) => <DueCell row={d} /> },
        ]}
      />
      {next ? (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button onClick={() => void load(next)} loading={loading}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      ) : null}
    </>
  );
}

import type { AppContext } from '../../../platform/context.js';
import { withTransaction } from '../../../platform/database.js';
import { renderFormPdf } from '../../forms/forms.pdf.js';
import { renderTableXlsx } from '../../forms/forms.xlsx.js';
import { enqueueNotification } from '../../notifications/notification.repo.js';
import { formatVn, vnDateOf } from '../../working-calendar/vn-time.js';
import type { TDailyData } from '../reports.contract.js';
import { buildDailyForm } from '../reports-form.rules.js';
import { dailyReportTargets, openNow, saveDaily, subtree, sumCounters, unitWithChildren, type UnitNode } from '../reports.repo.js';
import { addCounters, dailyFigures, dailyLines, zeroCounters, type Counters } from '../reports.rules.js';

/**
 * The daily quick report of one unit at `now` (báo cáo nhanh 16 giờ, seed article 000): today's intake by channel,
 * today's results (early, on time, late), dossiers in progress (on time, overdue) now, results returned by post,
 * online payments and apology letters — for the unit and every unit below it, each rolled up over its own subtree, in
 * report order (level, then Vietnamese name), with the dossiers a unit handles itself on their own line (issue 15).
 */
export async function buildDailyData(ctx: Pick<AppContext, 'db'>, unit: UnitNode, now: Date): Promise<TDailyData> {
  const day = vnDateOf(now);
  const [units, counters, open] = await Promise.all([subtree(ctx.db, unit.path), sumCounters(ctx.db, unit.path, day, day, 'unit'), openNow(ctx.db, unit.path, now, 'unit')]);
  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  // Figures of the units whose id `inside` accepts: a unit's whole subtree, or (its direct line) the unit alone.
  const sumOf = (inside: (id: string) => boolean) => {
    let c: Counters = zeroCounters();
    const o = { total: 0, overdue: 0 };
    for (const [id, v] of counters) if (inside(id)) c = addCounters(c, v);
    for (const [id, v] of open) {
      if (!inside(id)) continue;
      o.total += v.total;
      o.overdue += v.overdue;
    }
    return dailyFigures(c, o);
  };
  const rollUp = (path: string) => sumOf((id) => pathOf.get(id)?.startsWith(path) ?? false);
  const rows = dailyLines(unit, units)
    .map(({ unit: u, depth, direct }) => {
      const figures = direct ? sumOf((id) => id === u.id) : rollUp(u.path);
      const name = direct ? `${u.name} (trực tiếp tại đơn vị)` : u.validTo ? `${u.name} (đã sáp nhập/giải thể)` : u.name;
      // A direct line with nothing, or a closed unit with nothing, says nothing.
      const silent = (direct || u.validTo !== null) && Object.values(figures).every((v) => v === 0);
      return silent ? null : { name, depth, figures };
    })
    .filter((r) => r !== null);
  return { unitName: unit.name, day, at: formatVn(now), total: rollUp(unit.path), rows };
}

export async function renderDaily(data: TDailyData): Promise<{ xlsx: Buffer; pdf: Buffer }> {
  const model = buildDailyForm(data);
  const [xlsx, pdf] = await Promise.all([renderTableXlsx(model, 'Báo cáo nhanh'), renderFormPdf(model)]);
  return { xlsx, pdf };
}

export function dailyFileName(day: string, ext: 'xlsx' | 'pdf'): string {
  return `bao-cao-nhanh-${day}.${ext}`;
}

/**
 * Produces and stores today's quick report of every province and of every unit with an office (văn phòng tổng hợp:
 * staff holding the inspector role there), and e-mails it with the Excel and PDF files to those officers through the
 * outbox, in the transaction that stores it. Run again the same day it refreshes the stored figures without
 * e-mailing twice. Scheduled at REPORT_DAILY_AT (pg-boss: once per tick, however many instances run).
 */
export async function produceDailyReports(ctx: Pick<AppContext, 'db' | 'clock'>, onlyUnitIds?: string[]): Promise<{ produced: number; emailed: number; reports: { id: string; unitId: string; day: string }[] }> {
  const now = ctx.clock.now();
  const all = await dailyReportTargets(ctx.db);
  const targets = onlyUnitIds ? onlyUnitIds.map((id) => all.find((t) => t.unitId === id) ?? { unitId: id, recipients: [] }) : all;
  let emailed = 0;
  const reports: { id: string; unitId: string; day: string }[] = [];
  for (const target of targets) {
    const unit = (await unitWithChildren(ctx.db, target.unitId))?.unit;
    if (!unit) continue;
    const data = await buildDailyData(ctx, unit, now);
    const files = target.recipients.length > 0 ? await renderDaily(data) : null;
    emailed += await withTransaction(ctx.db, async (tx) => {
      const saved = await saveDaily(tx, unit.id, data.day, now, data);
      reports.push({ id: saved.id, unitId: unit.id, day: data.day });
      if (!saved.created || !files) return 0;
      const t = data.total;
      const body = [
        `Báo cáo nhanh kết quả giải quyết hồ sơ TTHC ngày ${data.day.split('-').reverse().join('/')} — ${data.unitName}.`,
        '',
        `Tiếp nhận trong ngày: ${t.receivedDesk + t.receivedOnline + t.receivedPostal} (trực tiếp ${t.receivedDesk}, trực tuyến ${t.receivedOnline}, bưu chính ${t.receivedPostal}).`,
        `Giải quyết trong ngày: ${t.resolvedEarly + t.resolvedOnTime + t.resolvedLate} (trước hạn ${t.resolvedEarly}, đúng hạn ${t.resolvedOnTime}, quá hạn ${t.resolvedLate}).`,
        `Đang giải quyết: trong hạn ${t.openOnTime}, quá hạn ${t.openOverdue}.`,
        `Trả kết quả qua bưu chính: ${t.returnedByPost}; thanh toán trực tuyến: ${t.paidOnline}; văn bản xin lỗi: ${t.apologies} (phát hành muộn: ${t.apologiesLate}).`,
        '',
        'Chi tiết từng đơn vị trong tệp Excel và PDF đính kèm.',
      ].join('\n');
      for (const r of target.recipients) {
        await enqueueNotification(tx, {
          channel: 'email',
          recipient: r.email,
          subject: `[Một Cửa] Báo cáo nhanh ngày ${data.day.split('-').reverse().join('/')} — ${data.unitName}`,
          body: `Kính gửi ${r.name},\n\n${body}\n`,
          templateKey: 'reports.daily',
          attachments: [
            { fileName: dailyFileName(data.day, 'xlsx'), mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: files.xlsx },
            { fileName: dailyFileName(data.day, 'pdf'), mediaType: 'application/pdf', content: files.pdf },
          ],
        }, now);
      }
      return target.recipients.length;
    });
  }
  return { produced: reports.length, emailed, reports };
}

/**
 * What the citizen reads of their dossier's ledger (portal dossier page, public tracking, notices): each change in
 * plain Vietnamese with where it happened, who did it and when — Nghị định 224/2026/NĐ-CP Điều 15 k1g asks that the
 * citizen be told of every status change at once, with the agency, the officers who received and processed the
 * dossier and the times. Raw action names never show; internal marks (scans, overdue flags) and internal notes stay
 * inside, the reasons addressed to the citizen (the table's `citizenFacing`) are shown. Pure.
 */
import { VN_OFFSET_MS } from '../working-calendar/vn-time.js';
import { actionSpec } from './dossier-actions.rules.js';
import { dossierActions, type DossierAction } from './dossier.rules.js';

export type TimelineEntry = { at: Date; action: string; actorName: string; stepIndex: number | null; note: string | null; data: Record<string, unknown> | null; toStatus?: string };
export type TimelineContext = { receivingUnitName: string; steps: { name: string; role: string; unitName: string }[] };
export type TimelineItem = { at: Date; action: string; label: string; text: string; note: string | null; toStatus: string };

/** How an officer is named by the role of the step they act at. */
const roleTitle: Record<string, string> = { desk_officer: 'cán bộ một cửa', specialist: 'chuyên viên', head: 'trưởng phòng', leader: 'lãnh đạo' };

/** 03/12/2026 09:12 in Vietnam time. */
export function formatVnDateTime(at: Date): string {
  const v = new Date(at.getTime() + VN_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(v.getUTCDate())}/${p(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ${p(v.getUTCHours())}:${p(v.getUTCMinutes())}`;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const isAction = (a: string): a is DossierAction => (dossierActions as readonly string[]).includes(a);
/** Events that are not the citizen's concern. */
const internal = new Set(['attach_file', 'overdue_marked']);
/** Notes the citizen may read: the reasons of the table's citizen-facing actions, and their own words. */
const citizenNote = (a: string) => (isAction(a) ? actionSpec[a].citizenFacing && actionSpec[a].note === 'required' : a === 'citizen_supplemented');

/** The citizen's timeline, oldest first. */
export function citizenTimeline(entries: readonly TimelineEntry[], ctx: TimelineContext): TimelineItem[] {
  const out: TimelineItem[] = [];
  for (const e of entries) {
    if (internal.has(e.action)) continue;
    const sentence = describe(e, ctx);
    if (!sentence) continue;
    out.push({ at: e.at, action: e.action, label: sentence, text: `${sentence}, ${formatVnDateTime(e.at)}`, note: citizenNote(e.action) ? e.note : null, toStatus: e.toStatus ?? '' });
  }
  return out;
}

function describe(e: TimelineEntry, ctx: TimelineContext): string | null {
  const step = e.stepIndex === null ? undefined : ctx.steps[e.stepIndex];
  const prev = e.stepIndex === null ? undefined : ctx.steps[e.stepIndex - 1];
  const by = (role: string | undefined) => ` — ${role && roleTitle[role] ? `${roleTitle[role]} ` : ''}${e.actorName}`;
  const at = (s: typeof step) => (s ? ` tại ${s.unitName}` : '');
  const desk = ctx.receivingUnitName;
  const d = e.data ?? {};
  switch (e.action) {
    case 'submit':
      return 'Đã nộp hồ sơ trực tuyến';
    case 'accept':
      return `Đã tiếp nhận tại ${desk}${by('desk_officer')}`;
    case 'reject_intake':
      return `Không được tiếp nhận tại ${desk}${by('desk_officer')}`;
    case 'forward':
      return step ? `Chuyển đến bước «${step.name}»${at(step)}${by(prev?.role)}` : null;
    case 'forward_undone':
      return step ? `Thu hồi việc chuyển bước; tiếp tục bước «${step.name}»${at(step)}${by(undefined)}` : null;
    case 'claim':
      return step ? `Đang xử lý bước «${step.name}»${at(step)}${by(step.role)}` : null;
    case 'assign':
      return step ? `Đang xử lý bước «${step.name}»${at(step)} — ${roleTitle[step.role] ?? ''} ${str(d.assigneeName) ?? ''} (được phân công)`.replace(/\s+/g, ' ') : null;
    case 'send_back':
      return step ? `Trả lại bước «${step.name}»${at(step)} để xử lý lại${by(undefined)}` : null;
    case 'transfer':
      return `Chuyển liên thông đến ${str(d.targetUnitName) ?? 'cơ quan phối hợp'}${by(step?.role)}`;
    case 'transfer_back':
      return `Cơ quan phối hợp đã trả kết quả liên thông; tiếp tục xử lý${at(step)}${by(undefined)}`;
    case 'request_supplement':
      return `Yêu cầu bổ sung hồ sơ${step ? ` (bước «${step.name}»${at(step)})` : ''}${by(step?.role)}`;
    case 'citizen_supplemented':
      return 'Đã gửi hồ sơ bổ sung';
    case 'supplement_received':
      return `Đã nhận đủ hồ sơ bổ sung tại ${desk}${str(d.newDueAt) ? `, hẹn trả mới ${formatVnDateTime(new Date(str(d.newDueAt)!))}` : ''}${by('desk_officer')}`;
    case 'apologise':
      return `Xin lỗi vì chậm trả kết quả${str(d.newDueAt) ? `, hẹn trả lại ${formatVnDateTime(new Date(str(d.newDueAt)!))}` : ''}${by(undefined)}`;
    case 'approve':
    {
      // Approval may move the dossier on to the desk's hand-over step: the approver is the leader of the step before it.
      const approver = [step, prev].find((s) => s && (s.role === 'leader' || s.role === 'head'));
      return `Đã có kết quả (đã phê duyệt)${at(approver ?? step)}${by(approver?.role)}`;
    }
    case 'return_result':
      // Who collected it is not said: public tracking never shows the applicant's personal data (ND 13/2023).
      return d.channel === 'post' ? `Bưu điện đã giao kết quả${by(undefined)}` : `Đã trả kết quả tại ${desk}${by('desk_officer')}`;
    case 'withdraw':
      return `Đã rút hồ sơ theo đề nghị của người nộp${by('desk_officer')}`;
    case 'stop':
      return `Dừng xử lý theo đề nghị của người nộp${by('desk_officer')}`;
    case 'refuse':
      return `Từ chối giải quyết${at(step)}${by(step?.role)}`;
    case 'result_delivery_changed':
      return 'Đăng ký nhận kết quả qua dịch vụ bưu chính công ích';
    case 'result_sent_by_post':
      return `Đã gửi kết quả qua bưu điện${str(d.trackingCode) ? ` (mã bưu gửi ${str(d.trackingCode)})` : ''}`;
    case 'postal_returned_to_desk':
      return `Bưu điện chuyển trả kết quả về ${desk}; mời nhận tại bộ phận một cửa`;
    case 'result_downloaded':
      return 'Đã tải kết quả điện tử';
    default:
      return null;
  }
}

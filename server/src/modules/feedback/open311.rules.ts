/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): the shapes of services and service requests (their XML
 * form: open311.xml.ts). Pure; the routes map feedback items onto these shapes.
 */
import type { FeedbackStatus } from './feedback.rules.js';

export type Open311Service = { service_code: string; service_name: string; description: string; metadata: boolean; type: 'realtime' | 'batch' | 'blackbox'; keywords: string; group: string };
export type Open311Request = {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
};

/** The legal deadlines an item carries (QĐ 766; NĐ 20/2008 Điều 9), as stored. */
export type Open311Dues = { refuseDueAt: Date; infoDueAt: Date; transferDueAt: Date; answerDueAt: Date };

/**
 * `expected_datetime`: the legal deadline the request is held to in its status — classification (accept or refuse,
 * QĐ 766: 2 working days) while just received, the information asked for while waiting on the sender, the answer (15
 * working days, restarted by a transfer or a reopening) while handled, and once closed the deadline that applied: the
 * answer's for an answered or published item, the refusal's for a refused one, the transfer's for one routed out.
 */
export function expectedDue(status: FeedbackStatus, d: Open311Dues): Date {
  switch (status) {
    case 'received':
    case 'refused':
      return d.refuseDueAt;
    case 'awaiting_info':
      return d.infoDueAt;
    case 'routed_out':
      return d.transferDueAt;
    case 'handling':
    case 'drafted':
    case 'reopened':
    case 'answered':
    case 'published':
      return d.answerDueAt;
  }
}

export type Open311Error = { code: number; description: string };

/** W3C date-time with the Vietnam offset, as the spec's examples write them (e.g. 2010-04-14T06:37:38-08:00). */
export function w3cVn(d: Date): string {
  const local = new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 19);
  return `${local}+07:00`;
}

/** Parses the spec's date filters (W3C format, any offset). */
export function parseW3c(s: string | undefined): Date | null {
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * The sender's name of a request: GeoReport v2 gives `first_name` (given name) and `last_name` (family name); a
 * Vietnamese name is written family name first ("Trần Minh"). Without a name the client application is the sender,
 * named once "Ứng dụng …" even when its registered name already begins so.
 */
export function open311SenderName(firstName: string | undefined, lastName: string | undefined, clientName: string): string {
  const name = [lastName, firstName].map((x) => x?.trim() ?? '').filter(Boolean).join(' ');
  if (name) return name;
  const client = clientName.trim();
  return /^ứng dụng\s/iu.test(client.normalize('NFC')) ? client : `Ứng dụng ${client}`;
}

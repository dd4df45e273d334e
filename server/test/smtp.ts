import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { from: string; to: string[]; raw: string; headers: Map<string, string>; subject: string; text: string };

export type TestSmtp = {
  /** smtp://user:pass@127.0.0.1:port of this server. */
  url: string;
  received: ReceivedMail[];
  /** 'reject' answers every recipient with a temporary failure (451). */
  mode: 'accept' | 'reject';
  /** Delay before accepting each message, to make concurrent senders overlap. */
  delayMs: number;
  close(): Promise<void>;
};

export const SMTP_USER = 'motcua';
export const SMTP_PASS = 'mat-khau-smtp';

/** A real SMTP server (smtp-server) on 127.0.0.1 and a free port, with AUTH and no TLS, keeping what it receives. */
export async function startTestSmtp(): Promise<TestSmtp> {
  const state: Omit<TestSmtp, 'url' | 'close'> = { received: [], mode: 'accept', delayMs: 0 };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS) cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onRcptTo(_address, _session, cb) {
      if (state.mode === 'reject') cb(Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 451 }));
      else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const mail = { from, to: session.envelope.rcptTo.map((r) => r.address), raw, ...parseMail(raw) };
        setTimeout(() => {
          state.received.push(mail);
          cb();
        }, state.delayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(state, {
    url: `smtp://${SMTP_USER}:${SMTP_PASS}@127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** Just enough MIME for the tests: unfolded headers, RFC 2047 subject, quoted-printable or base64 UTF-8 text body. */
export function parseMail(raw: string): { headers: Map<string, string>; subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  const subject = decodeWords(headers.get('subject') ?? '');
  const cte = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes =
    cte === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : cte === 'quoted-printable'
        ? qpBytes(body.replace(/=\r\n/g, ''))
        : Buffer.from(body, 'latin1');
  return { headers, subject, text: bytes.toString('utf8').replace(/\r\n/g, '\n').replace(/\n$/, '') };
}

function qpBytes(s: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(s.charCodeAt(i));
  }
  return Buffer.from(out);
}

function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      (enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64') : qpBytes(text.replace(/_/g, ' '))).toString('utf8'),
    );
}

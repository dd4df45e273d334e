import { Alert, Button, Flex } from 'antd';
import type dayjs from 'dayjs';
import type { IntakeInput } from '../api/receive-dossier.js';
import { errorText } from '../../../lib/api-client.js';
import { t } from '../../../lib/i18n.js';
import { navigate } from '../../../lib/router.js';

/**
 * This form's first press was recorded but its answer was lost, and the form changed since (the server's 422
 * DOSSIER.IDEMPOTENCY_KEY_REUSED names the dossier to its own desk): the dossier that exists, to open, or this form
 * recorded as another dossier.
 */
export function FirstTryRecorded(p: { error: unknown; first: { dossierId: string; code: string | null }; dossierPath: (id: string) => string; busy: boolean; onAsNew: () => void }) {
  const href = p.dossierPath(p.first.dossierId);
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={errorText(p.error)}
      action={
        <Flex vertical gap={8}>
          <Button
            type="primary"
            href={href}
            onClick={(e) => {
              e.preventDefault();
              navigate(href);
            }}
          >
            {p.first.code ? t('intake.openFirst', { code: p.first.code }) : t('intake.openDossier')}
          </Button>
          <Button loading={p.busy} onClick={p.onAsNew}>
            {t('intake.asNew')}
          </Button>
        </Flex>
      }
    />
  );
}

/** The applicant's facts as comparable text (a date by its day), to tell which ones the officer changed. */
export function applicantFacts(a: { fullName?: string; birthDate?: dayjs.Dayjs | null; address?: string; phone?: string; email?: string } | undefined) {
  return {
    fullName: a?.fullName ?? '',
    birthDate: a?.birthDate ? a.birthDate.format('YYYY-MM-DD') : '',
    address: a?.address ?? '',
    phone: a?.phone ?? '',
    email: a?.email ?? '',
  };
}


/**
 * A press whose answer never came (the network dropped it) may have been recorded. Kept for the browser tab's session,
 * so that the same applicant's same procedure pressed again — after leaving the page and filling the form anew — goes
 * under the same idempotency key: the server then answers the dossier it recorded, or names it (422), never a second.
 */
const PENDING = 'motcua.intake.unanswered';
type Unanswered = { key: string; procedureId: string; receivingUnitId: string; idNumber: string };

const sameIntake = (u: Unanswered, input: IntakeInput) =>
  u.procedureId === input.procedureId && u.receivingUnitId === input.receivingUnitId && u.idNumber === input.applicant.idNumber;

/** The key of an unanswered press for this applicant and procedure at this desk, if any. */
export function unansweredKey(input: IntakeInput): string | null {
  try {
    const u = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as Unanswered | null;
    return u && sameIntake(u, input) ? u.key : null;
  } catch {
    return null;
  }
}

/** Remembers a press the server may have recorded (no answer), or forgets it once the server answered (`null`). */
export function rememberUnanswered(input: IntakeInput | null): void {
  try {
    if (input === null) sessionStorage.removeItem(PENDING);
    else sessionStorage.setItem(PENDING, JSON.stringify({ key: input.idempotencyKey, procedureId: input.procedureId, receivingUnitId: input.receivingUnitId, idNumber: input.applicant.idNumber } satisfies Unanswered));
  } catch {
    // Storage refused (private mode, quota): the server's key check still holds within this page.
  }
}

import { useState } from 'react';
import { prefillEform } from '../../../../server/src/modules/citizens/citizen.rules.js';
import { prefillMap } from '../../../../server/src/modules/procedures/eform.rules.js';
import { lookUpPopulation } from './api.js';
import { ct } from './citizen-text.js';

/**
 * "Lấy từ CSDL quốc gia về dân cư" (Nghị định 224/2026 Điều 15 k1d: do not ask for what the state holds): after the
 * citizen's explicit consent, the fields of the e-form that name the applicant's name, birth date, sex or address are
 * filled from the national population database; the state's record wins over what was typed. Shown only when the form
 * has such fields.
 */
export function PopulationPrefill({ schema, procedureId, procedureName, unitId, values, onChange }: {
  schema: Record<string, unknown> | null;
  procedureId: string;
  procedureName: string;
  /** The resolving unit chosen above: the look-up is logged for it, so it is asked for first. */
  unitId: string | null;
  values: Record<string, unknown>;
  onChange: (eform: Record<string, unknown>) => void;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (Object.keys(prefillMap(schema)).length === 0) return null;
  const handleConfirm = async () => {
    if (!unitId) {
      setError(ct('populationChooseUnit'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const p = await lookUpPopulation(ct('populationPurpose', { name: procedureName }), { procedureId, unitId });
      const filled = prefillEform(schema, { fullName: p.fullName, birthDate: p.birthDate, gender: p.sex, idNumber: p.idNumber, address: p.permanentAddress, phone: null, email: null });
      onChange({ ...values, ...filled });
      setDone(true);
      setAsking(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="population-prefill">
      {!asking ? (
        <button type="button" className="button-secondary" onClick={() => setAsking(true)}>{ct('populationButton')}</button>
      ) : (
        <div className="notice" role="group" aria-labelledby="population-consent">
          <p id="population-consent">{ct('populationConsent')}</p>
          <div className="wizard-buttons">
            <button type="button" className="button-primary" disabled={busy} onClick={() => void handleConfirm()}>{ct('populationConfirm')}</button>
            <button type="button" className="link-button" onClick={() => setAsking(false)}>{ct('reuseNo')}</button>
          </div>
        </div>
      )}
      {done ? <p className="notice success" role="status">{ct('populationDone')}</p> : null}
      {error ? <p className="error" role="alert">{error}</p> : null}
    </div>
  );
}

import { api, unwrap } from '../../../lib/api-client.js';

/** POST /api/population/consents — the applicant at the desk agreed to their population data being read. */
export const recordPopulationConsent = (body: { idNumber: string; unitId: string; purpose: string }) => unwrap(api.POST('/api/population/consents', { body }));
/** POST /api/population/lookups — name, birth date, sex, permanent address from the national population database. */
export const lookUpPopulation = (body: { idNumber: string; unitId: string }) => unwrap(api.POST('/api/population/lookups', { body }));

import type { AppConfig } from '../../platform/config.js';
import type { Queryable } from '../../platform/database.js';
import { tokenMatches } from '../citizen-store/citizen-store.adapter.js';
import { populationErrors } from './population.errors.js';

/**
 * The national population database (CSDL quốc gia về dân cư) as reached through the data-sharing platform (NDXP /
 * LGSP), behind one interface. What a one-stop system may ask: the identity fields an e-form needs (name, date of
 * birth, sex, permanent address), by the 12-digit personal identification number, stating the purpose and who asks.
 * The wire format is the simulator's; the real platform's service names and fields are not verified, so only the URL
 * and the token are configuration.
 */
export type Person = { idNumber: string; fullName: string; birthDate: string; sex: 'male' | 'female'; permanentAddress: string };
export type LookupRequest = { idNumber: string; purpose: string; requester: string };
export type PopulationRegistry = { lookup(r: LookupRequest): Promise<Person | null> };

/** The simulator (population_sim_person): demo and tests only. */
export function simulatorPopulationRegistry(db: Queryable): PopulationRegistry {
  return {
    async lookup(r) {
      const { rows } = await db.query<Person>(
        `SELECT id_number AS "idNumber", full_name AS "fullName", to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", sex, permanent_address AS "permanentAddress"
           FROM population_sim_person WHERE id_number = $1`,
        [r.idNumber],
      );
      return rows[0] ?? null;
    },
  };
}

/** The platform over HTTP: GET {url}/citizens/{cccd} with the purpose and requester as headers, a bearer token. */
export function httpPopulationRegistry(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch): PopulationRegistry {
  const url = baseUrl.replace(/\/$/, '');
  return {
    async lookup(r) {
      const res = await fetchImpl(`${url}/citizens/${encodeURIComponent(r.idNumber)}`, {
        headers: { authorization: `Bearer ${token}`, 'x-purpose': encodeURIComponent(r.purpose), 'x-requester': encodeURIComponent(r.requester) },
        signal: AbortSignal.timeout(10_000),
      }).catch(() => null);
      if (res?.status === 404) return null;
      if (!res?.ok) throw populationErrors.unavailable();
      const body = (await res.json()) as Partial<Person>;
      if (typeof body.fullName !== 'string' || typeof body.birthDate !== 'string') throw populationErrors.unavailable();
      return body as Person;
    },
  };
}

export const populationSimulatorActive = (config: Pick<AppConfig, 'mode' | 'populationSimulator' | 'populationApiUrl'>) =>
  config.mode === 'demo' && config.populationSimulator && !config.populationApiUrl;

export function populationRegistryFor(deps: { db: Queryable; config: Pick<AppConfig, 'mode' | 'populationSimulator' | 'populationApiUrl' | 'populationApiToken'> }): PopulationRegistry {
  if (deps.config.populationApiUrl) return httpPopulationRegistry(deps.config.populationApiUrl, deps.config.populationApiToken);
  if (populationSimulatorActive(deps.config)) return simulatorPopulationRegistry(deps.db);
  return { lookup: () => Promise.reject(populationErrors.unavailable()) };
}

export { tokenMatches };

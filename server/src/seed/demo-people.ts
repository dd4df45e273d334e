import { validateCccd } from '../modules/applicants/cccd.rules.js';

/**
 * The people of the demo, one list: the applicants of the demo dossiers at the An Bình A ward desk, and the citizens
 * who submitted the demo's dossiers on the (simulated) national portal. The demo seed files its dossiers for them, the
 * population database simulator knows exactly them (so "Lấy từ CSDL dân cư" and the national portal's simulated
 * sign-in find every one), and the national portal simulator's records name them: nothing can drift apart.
 */
export type DemoPerson = {
  idNumber: string;
  fullName: string;
  birthDate: string;
  sex: 'male' | 'female';
  address: string;
  phone: string;
};

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Phan', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thanh', 'Ngọc', 'Hoàng'];
const GIVEN = ['An', 'Bình', 'Cúc', 'Dũng', 'Hà', 'Khoa', 'Lan', 'Mai', 'Nam', 'Phúc', 'Quyên', 'Sơn', 'Tâm', 'Uyên', 'Vy'];

/** How many dossiers the demo files at the ward desk (one applicant each). */
export const DEMO_DOSSIER_COUNT = 48;

/** A CCCD of Đồng Tháp (province code 087) for a person born in the 1900s or 2000s; sex and century in the 4th digit. */
function demoCccd(i: number): string {
  const born = 1960 + ((i * 7) % 45);
  const century = born >= 2000 ? (i % 2 === 0 ? 2 : 3) : i % 2 === 0 ? 0 : 1;
  return `087${century}${String(born % 100).padStart(2, '0')}${String(100000 + ((i * 7919) % 900000)).padStart(6, '0')}`;
}

/** Birth date and sex as the CCCD encodes them (TT 59/2021/TT-BCA Điều 7: century-and-sex digit, two-digit year). */
function fromCccd(idNumber: string, i: number): Pick<DemoPerson, 'birthDate' | 'sex'> {
  const century = Number(idNumber[3]);
  return { birthDate: `${19 + Math.floor(century / 2)}${idNumber.slice(4, 6)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, sex: century % 2 === 0 ? 'male' : 'female' };
}

/** The applicant of the i-th demo dossier at the ward desk. */
export function demoApplicant(i: number): DemoPerson {
  const idNumber = demoCccd(i);
  return {
    idNumber,
    fullName: `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i * 3) % MIDDLE.length]} ${GIVEN[(i * 5) % GIVEN.length]}`,
    ...fromCccd(idNumber, i),
    address: 'Phường An Bình A, tỉnh Đồng Tháp',
    phone: `09${String(10000000 + ((i * 104729) % 89999999)).slice(0, 8)}`,
  };
}

/** The citizens whose dossiers wait on the simulated national portal (national-portal.simulator.ts, seedDemoRecords). */
export const NATIONAL_PORTAL_APPLICANTS = {
  birthRegistration: { idNumber: '087195012345', fullName: 'Trần Thị Mỹ Linh', birthDate: '1995-04-12', sex: 'female', address: 'Khóm 2, phường An Bình A, tỉnh Đồng Tháp', phone: '0918123456' },
  temporaryResidence: { idNumber: '087090054321', fullName: 'Lê Văn Phước', birthDate: '1990-09-20', sex: 'male', address: 'Số 15 đường Lý Thường Kiệt, phường An Bình A, tỉnh Đồng Tháp', phone: '0939654321' },
} as const satisfies Record<string, DemoPerson>;

/** Every person of the demo: whom the population simulator knows. Only valid numbers, each once. */
export function demoPeople(): DemoPerson[] {
  const all = [...Array.from({ length: DEMO_DOSSIER_COUNT }, (_, i) => demoApplicant(i)), ...Object.values(NATIONAL_PORTAL_APPLICANTS)];
  const seen = new Set<string>();
  return all.filter((p) => validateCccd(p.idNumber).ok && !seen.has(p.idNumber) && !!seen.add(p.idNumber));
}

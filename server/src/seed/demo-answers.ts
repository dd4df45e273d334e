import { conditionalPrefill, prefillEform, type KnownFacts } from '../modules/citizens/citizen.rules.js';
import { dateOfDayNumber } from '../modules/working-calendar/vn-time.js';
import type { DemoPerson } from './demo-people.js';

const GIVEN = ['Gia Bảo', 'Khánh An', 'Minh Khang', 'Ngọc Hân', 'Phúc Lâm', 'Bảo Ngọc', 'Đức Huy', 'Thảo Vy'];
const SPOUSE_FAMILY = ['Lê', 'Trương', 'Ngô', 'Đinh', 'Lâm', 'Mai'];

/**
 * What the applicant of the i-th demo dossier answered in the procedure's e-form, as a desk officer would have typed
 * it: the applicant's own fields from the form's prefill rule (the one the portal and the desk use), the rest — the
 * child, the address asked for, the copies — a plausible case of its own, so the dossier page, the printed declaration
 * and the fee (copies × 8.000 đồng) show what a real dossier shows. Null for a procedure without an e-form.
 */
export function demoAnswers(code: string, schema: Record<string, unknown> | null, person: DemoPerson, i: number, receivedDay: number): Record<string, unknown> | null {
  if (!schema) return null;
  const facts: KnownFacts = { fullName: person.fullName, birthDate: person.birthDate, gender: person.sex, idNumber: person.idNumber, address: person.address, phone: person.phone, email: null };
  const own = prefillEform(schema, facts);
  // The applicant asks for themself where the form allows it, so the fields prefilled "while the applicant is the
  // subject" are theirs too.
  const self = { ...own, ...conditionalPrefill(schema, facts) };
  const family = person.fullName.split(' ')[0]!;
  const spouse = `${SPOUSE_FAMILY[i % SPOUSE_FAMILY.length]} ${person.sex === 'male' ? 'Thị' : 'Văn'} ${['Hoa', 'Lộc', 'Nhung', 'Trí', 'Yến', 'Tài'][i % 6]}`;
  // The dossiers rotate through the procedures (i mod 6), so the copies asked vary with the round.
  const copies = Math.floor(i / 6) % 3;
  switch (code) {
    case '1.001193': {
      // Đăng ký khai sinh: the child is born some weeks before; the applicant is the father or the mother.
      const father = person.sex === 'male';
      return {
        ...own,
        quanHe: father ? 'Cha' : 'Mẹ',
        hoTen: `${father ? family : spouse.split(' ')[0]} ${GIVEN[i % GIVEN.length]}`,
        ngaySinh: dateOfDayNumber(receivedDay - 10 - (i % 40)),
        gioiTinh: i % 2 === 0 ? 'Nam' : 'Nữ',
        danToc: 'Kinh',
        quocTich: 'Việt Nam',
        noiSinh: 'Bệnh viện Đa khoa Đồng Tháp',
        hoTenMe: father ? spouse : person.fullName,
        ...(father ? { hoTenCha: person.fullName } : { hoTenCha: spouse, soDinhDanhMe: person.idNumber }),
        ...(copies > 0 ? { soBanSao: copies } : {}),
      };
    }
    case '1.004873':
      return { ...own, tinhTrangHonNhan: 'Chưa đăng ký kết hôn với ai', mucDich: `Để đăng ký kết hôn với ${person.sex === 'male' ? 'bà' : 'ông'} ${spouse} tại UBND phường An Bình A`, soBanSao: 1 + (i % 2) };
    case '1.004194':
      return { ...own, diaChiTamTru: `Số ${10 + i} đường Trần Hưng Đạo, phường An Bình A, tỉnh Đồng Tháp`, hoTenChuHo: spouse, quanHeVoiChuHo: 'Người thuê nhà', thoiHanTamTru: 12, noiThuongTru: 'Xã Tân Hồng, tỉnh Đồng Tháp' };
    case '1.001612':
      return {
        ...own,
        tenHoKinhDoanh: `Hộ kinh doanh tạp hóa ${person.fullName.split(' ').at(-1)}`,
        diaChiTruSo: `Số ${20 + i} đường Nguyễn Huệ, phường An Bình A, tỉnh Đồng Tháp`,
        nganhNghe: '4711 – Bán lẻ lương thực, thực phẩm, đồ uống trong cửa hàng tổng hợp',
        vonKinhDoanh: 50_000_000 + (i % 10) * 10_000_000,
        soLaoDong: 1 + (i % 4),
      };
    case '2.000635':
      return { ...self, quanHe: 'Bản thân', loaiSuKien: 'Khai sinh', noiDangKy: 'UBND phường An Bình A', soBanSao: 1 + copies };
    case '1.004859':
      return {
        ...own,
        quanHe: 'Bản thân',
        hoTenNguoiDuocThayDoi: person.fullName,
        ngaySinh: person.birthDate,
        loaiYeuCau: 'Cải chính',
        noiDungCu: 'Quê quán: xã Mỹ An',
        noiDungMoi: 'Quê quán: xã Mỹ An Hưng',
        lyDo: 'Ghi sai quê quán khi đăng ký khai sinh',
      };
    default:
      return Object.keys(own).length > 0 ? own : null;
  }
}

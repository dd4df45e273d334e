/**
 * Vietnamese strings of the pages the local simulators serve to a person (the national portal's sign-in, the identity
 * provider standing in for VNeID in tests, their error and sign-out pages). Vietnamese is the default; English is
 * `messages.simulators.en.ts` (same keys, checked by its type), chosen by the OIDC `ui_locales` parameter.
 */
export const simulatorsVi = {
  'sim.badge': 'Máy chủ mô phỏng — chỉ dùng để chạy thử, không phải hệ thống thật.',
  'sim.idp.dvcqg': 'Cổng Dịch vụ công quốc gia',
  'sim.idp.vneid': 'Định danh điện tử VNeID',
  'sim.login.title': 'Đăng nhập',
  'sim.login.intro': 'Đăng nhập để sử dụng dịch vụ của {client}.',
  'sim.login.login': 'Tên đăng nhập hoặc số định danh cá nhân (CCCD)',
  'sim.login.password': 'Mật khẩu',
  'sim.login.submit': 'Đăng nhập',
  'sim.login.hint': 'Công dân: nhập số CCCD 12 chữ số có trong dữ liệu dân cư mô phỏng. Cán bộ: nhập dvcqg.<tên đăng nhập>. Mật khẩu bất kỳ.',
  'sim.login.missing': 'Vui lòng nhập tên đăng nhập hoặc số định danh cá nhân.',
  'sim.consent.title': 'Cho phép chia sẻ thông tin',
  'sim.consent.intro': '{client} đề nghị được nhận các thông tin sau của ông/bà:',
  'sim.consent.claims': 'Họ và tên, ngày sinh, giới tính, số định danh cá nhân (CCCD)',
  'sim.consent.allow': 'Đồng ý',
  'sim.consent.deny': 'Không đồng ý, quay lại',
  'sim.error.title': 'Không thực hiện được yêu cầu đăng nhập',
  'sim.error.intro': 'Yêu cầu không hợp lệ hoặc đã hết hạn. Vui lòng quay lại trang dịch vụ và bắt đầu đăng nhập lại.',
  'sim.error.code': 'Mã lỗi',
  'sim.error.expired': 'Phiên đăng nhập đã hết hạn hoặc không tồn tại. Vui lòng bắt đầu lại từ trang dịch vụ.',
  'sim.logout.title': 'Đăng xuất',
  'sim.logout.question': 'Ông/bà có muốn đăng xuất khỏi {host} không?',
  'sim.logout.yes': 'Đăng xuất',
  'sim.logout.no': 'Không, giữ đăng nhập',
  'sim.logout.done': 'Đã đăng xuất thành công.',
} as const;

export type SimulatorMessageKey = keyof typeof simulatorsVi;

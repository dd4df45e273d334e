import { DomainError } from '../../platform/errors.js';

export const paymentErrors = {
  notFound: () => new DomainError('PAYMENT.NOT_FOUND', 'not_found', 'Không tìm thấy khoản thanh toán.', 'Payment not found.'),
  noFee: () => new DomainError('PAYMENT.NO_FEE', 'unprocessable', 'Hồ sơ không có phí, lệ phí phải nộp.', 'The dossier has no fee to pay.'),
  alreadyPaid: () => new DomainError('PAYMENT.ALREADY_PAID', 'conflict', 'Phí, lệ phí của hồ sơ này đã được thanh toán.', 'The fee of this dossier is already paid.'),
  dossierClosed: () =>
    new DomainError('PAYMENT.DOSSIER_CLOSED', 'unprocessable', 'Hồ sơ không được tiếp nhận, đã rút hoặc đã dừng nên không thu phí.', 'The dossier takes no payment in its status.'),
  notPaid: () => new DomainError('PAYMENT.NOT_PAID', 'conflict', 'Khoản thanh toán chưa hoàn tất nên chưa có biên lai.', 'The payment is not complete; no receipt yet.'),
  gatewayUnavailable: () =>
    new DomainError('PAYMENT.GATEWAY_UNAVAILABLE', 'unprocessable', 'Chưa kết nối cổng thanh toán trực tuyến; vui lòng chuyển khoản VietQR hoặc nộp tại Bộ phận Một cửa.', 'No online payment gateway is configured.'),
  badStatement: (reasonVi: string) => new DomainError('PAYMENT.BAD_STATEMENT', 'invalid', `Sao kê không đọc được: ${reasonVi}`, 'The bank statement cannot be read.'),
};

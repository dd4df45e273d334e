import { DomainError } from '../../platform/errors.js';

/** Codes of the information portal; messages are the Vietnamese text shown to the editor or the reader. */
export const portalErrors = {
  siteNotFound: () => new DomainError('PORTAL.SITE_NOT_FOUND', 'not_found', 'Không tìm thấy trang thông tin của đơn vị.', 'Site not found.'),
  placeNotFound: () => new DomainError('PORTAL.PLACE_NOT_FOUND', 'not_found', 'Không tìm thấy tỉnh, thành phố hoặc xã, phường này.', 'No such province or commune.'),
  articleNotFound: () => new DomainError('PORTAL.ARTICLE_NOT_FOUND', 'not_found', 'Không tìm thấy bài viết.', 'Article not found.'),
  commentNotFound: () => new DomainError('PORTAL.COMMENT_NOT_FOUND', 'not_found', 'Không tìm thấy bình luận.', 'Comment not found.'),
  notEditor: () => new DomainError('PORTAL.NOT_EDITOR', 'forbidden', 'Bạn không phải biên tập viên của trang này.', 'You are not an editor of this site.'),
  notReviewer: () =>
    new DomainError('PORTAL.NOT_REVIEWER', 'forbidden', 'Chỉ người duyệt tin của trang này mới được duyệt, đăng hoặc gỡ bài.', 'Only a reviewer of this site may publish.'),
  notSiteManager: () =>
    new DomainError('PORTAL.NOT_SITE_MANAGER', 'forbidden', 'Bạn không có quyền quản trị trang của đơn vị này.', 'You may not manage this site.'),
  transition: (from: string, action: string, allowed: string[]) =>
    new DomainError('PORTAL.ACTION_NOT_ALLOWED', 'conflict', `Bài viết đang ở trạng thái "${statusVi[from] ?? from}", không thể thực hiện thao tác này.`, `Cannot ${action} from ${from}.`, {
      allowed,
    }),
  stale: () => new DomainError('PORTAL.STALE', 'conflict', 'Bài viết đã được người khác sửa; vui lòng tải lại trước khi lưu.', 'The article changed meanwhile.'),
  badSchedule: () => new DomainError('PORTAL.BAD_SCHEDULE', 'invalid', 'Thời điểm gỡ bài phải sau thời điểm đăng.', 'Unpublish must come after publish.'),
  outageTooSoon: (earliest: string) =>
    new DomainError(
      'PORTAL.OUTAGE_TOO_SOON',
      'unprocessable',
      `Tạm ngừng theo kế hoạch phải được thông báo trước ít nhất 7 ngày làm việc (NĐ 224/2026 Điều 13): sớm nhất từ ngày ${earliest}.`,
      'A planned outage must be announced at least 7 working days ahead.',
      { earliest },
    ),
  imageInvalid: () => new DomainError('PORTAL.IMAGE_INVALID', 'unsupported', 'Ảnh không đọc được; hãy dùng ảnh JPEG hoặc PNG.', 'Unreadable image.'),
  // One answer for a name no account has and for an officer outside the manager's scope: the endpoint tells nothing
  // about who exists in another province.
  memberUnknown: () =>
    new DomainError('PORTAL.MEMBER_UNKNOWN', 'not_found', 'Không tìm thấy cán bộ có tên đăng nhập này trong phạm vi bạn quản lý.', 'No officer with this username within your scope.'),
  slugTaken: () => new DomainError('PORTAL.SLUG_TAKEN', 'conflict', 'Đường dẫn này đã được dùng; hãy chọn đường dẫn khác.', 'Slug already used.'),
  // Refusals shown to readers.
  alreadyRated: () => new DomainError('PORTAL.ALREADY_RATED', 'conflict', 'Bạn đã đánh giá bài viết này rồi. Cảm ơn bạn!', 'Already rated.'),
  commentTooFast: (retryAfterSeconds: number) =>
    new DomainError('PORTAL.COMMENT_RATE_LIMITED', 'rate_limited', 'Bạn đã gửi nhiều bình luận trong thời gian ngắn; vui lòng thử lại sau 10 phút.', 'Too many comments.', { retryAfterSeconds }),
  commentLinks: () =>
    new DomainError('PORTAL.COMMENT_LINKS', 'invalid', 'Bình luận không được chứa quá 2 đường liên kết.', 'Too many links in the comment.'),
  commentInvalid: () =>
    new DomainError('PORTAL.COMMENT_INVALID', 'invalid', 'Vui lòng nhập họ tên (2–80 ký tự) và nội dung bình luận (5–2000 ký tự).', 'Name and comment are required.'),
  ratingTooFast: (retryAfterSeconds: number) =>
    new DomainError('PORTAL.RATING_RATE_LIMITED', 'rate_limited', 'Bạn đã gửi quá nhiều đánh giá trong thời gian ngắn; vui lòng thử lại sau một giờ.', 'Too many ratings.', { retryAfterSeconds }),
  ratingInvalid: () => new DomainError('PORTAL.RATING_INVALID', 'invalid', 'Vui lòng chọn số điểm từ 1 đến 5.', 'Choose a score from 1 to 5.'),
  notReadable: () => new DomainError('PORTAL.NOT_PUBLISHED', 'not_found', 'Bài viết chưa được đăng hoặc đã gỡ.', 'Article not published.'),
};

export const statusVi: Record<string, string> = {
  draft: 'nháp',
  review: 'chờ duyệt',
  scheduled: 'hẹn giờ đăng',
  published: 'đã đăng',
  unpublished: 'đã gỡ',
};

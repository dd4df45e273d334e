/**
 * PURE: the citizen's evaluation of how a dossier was handled (Nghị định 61/2018/NĐ-CP Điều 29–31; Thông tư
 * 01/2018/TT-VPCP Điều 13: nine indicators, each scored 2 / 1 / 0; Điều 15: score of an indicator = sum of the dossier
 * scores / number of dossiers, to one decimal). Indicator names as Thông tư 01/2018 Điều 13 names them (wording taken
 * from provincial evaluation forms [S]); the three answers of each are the columns of its scoring table
 * (vn-legal.md §2.5), worded for a citizen.
 */
export const indicatorKeys = ['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8', 'i9'] as const;
export type IndicatorKey = (typeof indicatorKeys)[number];
export type Score = 0 | 1 | 2;
export type IndicatorScores = Record<IndicatorKey, Score>;

export type Indicator = { key: IndicatorKey; number: number; label: string; choices: Record<Score, string> };

export const indicators: readonly Indicator[] = [
  { key: 'i1', number: 1, label: 'Tổng thời gian giải quyết thủ tục hành chính so với quy định của pháp luật', choices: { 2: 'Sớm hơn quy định', 1: 'Đúng quy định', 0: 'Muộn hơn quy định' } },
  { key: 'i2', number: 2, label: 'Thời gian thực hiện của từng cơ quan, đơn vị tham gia giải quyết (kể cả đơn vị phối hợp)', choices: { 2: 'Sớm hơn quy định', 1: 'Đúng quy định', 0: 'Muộn hơn quy định' } },
  { key: 'i3', number: 3, label: 'Số lần phải liên hệ với nơi tiếp nhận hồ sơ để hoàn thiện hồ sơ thủ tục hành chính (kể cả liên hệ theo hình thức trực tuyến)', choices: { 2: 'Không phải liên hệ lần nào', 1: 'Một lần', 0: 'Hơn một lần' } },
  { key: 'i4', number: 4, label: 'Số lượng cơ quan, đơn vị, tổ chức phải liên hệ để hoàn thiện hồ sơ thủ tục hành chính (kể cả liên hệ theo hình thức trực tuyến)', choices: { 2: 'Không phải liên hệ', 1: 'Chỉ Bộ phận Một cửa', 0: 'Nhiều hơn một nơi' } },
  { key: 'i5', number: 5, label: 'Thực hiện tổ chức tiếp nhận hồ sơ, giải quyết, trả kết quả tại Bộ phận Một cửa', choices: { 2: 'Giải quyết trọn vẹn tại Bộ phận Một cửa', 1: 'Tiếp nhận và trả kết quả tại Bộ phận Một cửa', 0: 'Phải đến nơi khác' } },
  { key: 'i6', number: 6, label: 'Công khai các thủ tục hành chính', choices: { 2: 'Đầy đủ, niêm yết và trên mạng', 1: 'Chỉ niêm yết hoặc chỉ trên mạng', 0: 'Không công khai đầy đủ' } },
  { key: 'i7', number: 7, label: 'Thái độ của cán bộ, công chức, viên chức khi hướng dẫn lập hồ sơ, tiếp nhận hồ sơ và giải quyết thủ tục hành chính', choices: { 2: 'Tận tình, sớm hơn hẹn', 1: 'Đúng mực, đúng hẹn', 0: 'Gây phiền hà' } },
  { key: 'i8', number: 8, label: 'Tiếp thu, giải trình đối với các ý kiến phản ánh, kiến nghị của tổ chức, cá nhân', choices: { 2: 'Được tiếp thu, trả lời đúng hạn (hoặc không có)', 1: 'Được trả lời nhưng chậm', 0: 'Không được trả lời' } },
  { key: 'i9', number: 9, label: 'Tiến độ và chất lượng cung cấp dịch vụ công trực tuyến của cơ quan có thẩm quyền', choices: { 2: 'Tốt', 1: 'Bình thường', 0: 'Chưa tốt' } },
];

/** How the citizen rates the desk officer who served them (the levels desk devices use in practice [S]). */
export const officerChoices: Record<Score, string> = { 2: 'Rất hài lòng', 1: 'Hài lòng', 0: 'Không hài lòng' };

export const ratingChannels = ['portal', 'kiosk'] as const;
export type RatingChannel = (typeof ratingChannels)[number];

/** A dossier can be rated once its result exists: ready at the desk or returned. */
export function canBeRated(status: string): boolean {
  return status === 'result_ready' || status === 'returned';
}

/** The kiosk at the desk rates dossiers returned within this many days (the citizen is rating the visit just made). */
export const KIOSK_WINDOW_DAYS = 14;

export function withinKioskWindow(returnedAt: Date | null, now: Date): boolean {
  return returnedAt !== null && now.getTime() - returnedAt.getTime() <= KIOSK_WINDOW_DAYS * 86_400_000 && returnedAt.getTime() <= now.getTime();
}

/** Điều 15: the score of an indicator is the sum over dossiers divided by their number, rounded to one decimal. */
export function indicatorAverage(sum: number, count: number): number | null {
  return count === 0 ? null : Math.round((sum / count) * 10) / 10;
}

/** Điều 15: an officer's total is the sum of the averages of indicators 1, 2, 3, 4 and 7; ≥ 5 means the task is fully done. */
export const officerIndicators: readonly IndicatorKey[] = ['i1', 'i2', 'i3', 'i4', 'i7'];

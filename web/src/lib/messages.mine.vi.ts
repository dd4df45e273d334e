/** "Đánh giá về tôi": the desk officer's own ratings (issue 15). */
export const mineVi = {
  'mine.tab': 'Đánh giá về tôi',
  'mine.count': 'Lượt đánh giá về tôi',
  'mine.officerAverage': 'Mức hài lòng với tôi (trung bình, tối đa 2)',
  'mine.totalAverage': 'Tổng điểm 9 chỉ số (trung bình, tối đa 18)',
  'mine.none': 'Chưa có đánh giá nào về bạn trong kỳ.',
  'mine.day': 'Ngày đánh giá',
  'mine.dossier': 'Mã hồ sơ',
  'mine.procedure': 'Thủ tục',
  'mine.officerScore': 'Mức hài lòng với cán bộ',
  'mine.notRated': 'Không đánh giá',
  'mine.score.2': 'Rất hài lòng',
  'mine.score.1': 'Hài lòng',
  'mine.score.0': 'Không hài lòng',
  'mine.total': 'Tổng điểm',
  'mine.comment': 'Ý kiến',
  'mine.channel': 'Kênh',
} as const;

import type { mineVi } from './messages.mine.vi.js';

export const mineEn: Record<keyof typeof mineVi, string> = {
  'mine.tab': 'Ratings about me',
  'mine.count': 'Ratings about me',
  'mine.officerAverage': 'Satisfaction with me (average, out of 2)',
  'mine.totalAverage': 'Total of the 9 indicators (average, out of 18)',
  'mine.none': 'No rating about you in this period.',
  'mine.day': 'Rated on',
  'mine.dossier': 'Dossier code',
  'mine.procedure': 'Procedure',
  'mine.officerScore': 'Satisfaction with the officer',
  'mine.notRated': 'Not rated',
  'mine.score.2': 'Very satisfied',
  'mine.score.1': 'Satisfied',
  'mine.score.0': 'Not satisfied',
  'mine.total': 'Total',
  'mine.comment': 'Comment',
  'mine.channel': 'Channel',
};

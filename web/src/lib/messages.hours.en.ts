import type { hoursVi } from './messages.hours.vi.js';

export const hoursEn: Record<keyof typeof hoursVi, string> = {
  'hours.title': 'Working hours — {province}',
  'hours.inForce': 'Working hours in force:',
  'hours.defaults': 'Default when the province sets none: {hours}. Every deadline in working days or hours uses these hours.',
  'hours.none': 'The province has not set its own hours.',
  'hours.from': 'Applies from',
  'hours.fromHint': 'Today or later; dossiers of past days keep the hours of their time.',
  'hours.fromRequired': 'Pick the date they apply from.',
  'hours.morning': 'Morning',
  'hours.afternoon': 'Afternoon',
  'hours.setBy': 'Set by',
  'hours.change': 'Set new working hours',
  'hours.morningStart': 'Morning from',
  'hours.morningEnd': 'Morning to',
  'hours.afternoonStart': 'Afternoon from',
  'hours.afternoonEnd': 'Afternoon to',
  'hours.timeFormat': 'Time as HH:MM, e.g. 07:30',
  'hours.endAfterStart': 'The end must be after the start',
  'hours.noOverlap': 'The afternoon must start after the morning ends',
  'hours.save': 'Save working hours',
  'hours.saved': 'Working hours saved.',
};

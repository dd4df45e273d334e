import { Button, DatePicker, Flex } from 'antd';
import { t } from '../../../lib/i18n.js';
import { presetRange, toDayjs, type Range } from './report-range.js';

/** Month / quarter / year shortcuts and a free date range. */
export function RangeBar({ value, onChange }: { value: Range; onChange: (r: Range) => void }) {
  return (
    <Flex gap={8} wrap align="center">
      <Button onClick={() => onChange(presetRange('month'))}>{t('reports.preset.month')}</Button>
      <Button onClick={() => onChange(presetRange('quarter'))}>{t('reports.preset.quarter')}</Button>
      <Button onClick={() => onChange(presetRange('year'))}>{t('reports.preset.year')}</Button>
      <DatePicker.RangePicker
        aria-label={t('reports.range')}
        format="DD/MM/YYYY"
        allowClear={false}
        value={toDayjs(value)}
        onChange={(v) => {
          if (v?.[0] && v[1]) onChange({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') });
        }}
      />
    </Flex>
  );
}

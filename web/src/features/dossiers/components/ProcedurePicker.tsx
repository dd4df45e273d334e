import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { errorText } from '../../../lib/api-client.js';
import { t } from '../../../lib/i18n.js';
import { searchProcedures, type ProcedureOption } from '../api/search-procedures.js';
import { narrowOptions } from './procedure-narrow.js';

type Props = { id?: string; value?: string; onChange?: (id: string) => void; onPicked?: (id: string) => void; receivingUnitId?: string };

/** Searchable picker of the procedures the desk may receive (accent-insensitive search on the server, debounced). */
export function ProcedurePicker({ id, value, onChange, onPicked, receivingUnitId }: Props) {
  const [options, setOptions] = useState<ProcedureOption[]>([]);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [chosen, setChosen] = useState<ProcedureOption | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(0);

  const load = (q: string) => {
    const call = ++latest.current;
    if (!receivingUnitId) return;
    setLoading(true);
    searchProcedures(receivingUnitId, q).then(
      (items) => {
        if (call !== latest.current) return;
        setOptions(items);
        setProblem(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (call !== latest.current) return;
        setProblem(errorText(err));
        setLoading(false);
      },
    );
  };

  useEffect(() => {
    load('');
    return () => window.clearTimeout(timer.current);
  }, [receivingUnitId]);

  const handleSearch = (q: string) => {
    window.clearTimeout(timer.current);
    setOptions((shown) => narrowOptions(shown, q));
    timer.current = window.setTimeout(() => load(q), 250);
  };

  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string) => {
        setChosen(options.find((o) => o.id === v) ?? null);
        onChange?.(v);
        onPicked?.(v);
      }}
      loading={loading}
      status={problem ? 'error' : undefined}
      notFoundContent={problem ?? undefined}
      placeholder={t('intake.procedureSearch')}
      showSearch={{ filterOption: false, onSearch: handleSearch }}
      style={{ width: '100%' }}
      options={[...(chosen && chosen.id === value && !options.some((o) => o.id === chosen.id) ? [chosen] : []), ...options].map((p) => ({ value: p.id, label: `${p.code} · ${p.name}` }))}
    />
  );
}

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { getCatalogProcedure } from '../../procedures/api/get-catalog-procedure.js';
import { searchCatalog, type CatalogItem } from '../../procedures/api/search-catalog.js';
import { ft } from '../text.js';

/**
 * A searchable procedure picker (WAI-ARIA combobox with a list box): typing searches the published catalogue, which
 * ignores accents on the server ("khai sinh" and "khải sính" find "Đăng ký khai sinh"); the chosen procedure's id goes
 * into the form as `name` (a hidden input), so the register's address keeps it. A procedure several provinces publish
 * is one option per province (each is its own procedure in the register), named with its province.
 */
export function ProcedurePicker({ name, value, label }: { name: string; value: string; label: string }) {
  const id = useId();
  const listId = `${id}-list`;
  const [chosen, setChosen] = useState<{ id: string; name: string } | null>(null);
  const [text, setText] = useState('');
  const [options, setOptions] = useState<CatalogItem[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = useRef(false);

  // The procedure in the address: its name in the box.
  useEffect(() => {
    if (!value) {
      setChosen(null);
      setText('');
      return;
    }
    let live = true;
    getCatalogProcedure(value)
      .then((p) => live && (setChosen({ id: p.id, name: p.current.content.name }), setText(p.current.content.name)))
      .catch(() => live && setChosen(null));
    return () => {
      live = false;
    };
  }, [value]);

  // What the citizen types is searched a moment after they stop.
  useEffect(() => {
    if (!typed.current) return;
    const q = text.trim();
    if (q.length < 2) {
      setOptions([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      searchCatalog({ q, limit: 8, offset: 0 })
        .then((page) => live && (setOptions(page.items), setOpen(true), setActive(-1)))
        .catch(() => live && setOptions([]));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);

  function choose(o: CatalogItem) {
    typed.current = false;
    setChosen({ id: o.id, name: o.name });
    setText(o.name);
    setOpen(false);
    setActive(-1);
  }
  function clear() {
    typed.current = false;
    setChosen(null);
    setText('');
    setOptions([]);
    setOpen(false);
  }
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && options.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % options.length);
    } else if (e.key === 'ArrowUp' && options.length > 0) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
    } else if (e.key === 'Enter' && open && active >= 0 && options[active]) {
      // Enter on an option picks it; otherwise it submits the form as usual.
      e.preventDefault();
      choose(options[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
    }
  }
  const expanded = open && options.length > 0;

  return (
    <div className="picker">
      <label className="filter" htmlFor={id}>
        {label}
      </label>
      <div className="picker-row">
        <input
          id={id}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          autoComplete="off"
          value={text}
          placeholder={ft('procedureHint')}
          onChange={(e) => {
            typed.current = true;
            setText(e.target.value);
            setChosen(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
        />
        {chosen || text ? (
          <button type="button" className="link-button" onClick={clear}>
            {ft('clearProcedure')}
          </button>
        ) : null}
      </div>
      <input type="hidden" name={name} value={chosen?.id ?? ''} />
      <ul id={listId} role="listbox" aria-label={label} className="picker-list" hidden={!expanded}>
        {options.map((o, i) => (
          <li
            key={o.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(o)}
          >
            {o.name}
            <span className="muted"> — {o.ownerUnitName}</span>
          </li>
        ))}
      </ul>
      {open && text.trim().length >= 2 && options.length === 0 ? <p className="muted">{ft('noProcedure')}</p> : null}
    </div>
  );
}

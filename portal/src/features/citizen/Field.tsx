import type { InputHTMLAttributes, ReactNode } from 'react';

/** A labelled input (the label names it for screen readers), with an optional hint tied by aria-describedby. */
export function Field({ id, label, hint, ...input }: { id: string; label: ReactNode; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {input.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <input id={id} name={input.name ?? id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      {hint ? <span id={`${id}-hint`} className="muted hint">{hint}</span> : null}
    </div>
  );
}

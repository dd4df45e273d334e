import type { InputHTMLAttributes, ReactNode, Ref, TextareaHTMLAttributes } from 'react';

/**
 * A labelled input (the label names it for screen readers), with an optional hint and the problem with what was typed
 * (lib/validation.ts), both tied by aria-describedby.
 */
export function Field({ id, label, hint, problem, box = 'field', ...input }: { id: string; label: ReactNode; hint?: ReactNode; problem?: string; box?: string; ref?: Ref<HTMLInputElement> } & InputHTMLAttributes<HTMLInputElement>) {
  const described = [hint ? `${id}-hint` : null, problem ? `${id}-problem` : null].filter(Boolean).join(' ');
  return (
    // `box`: the wrapper's class, for a form laid out its own way (the tracking row: `track-field`).
    <div className={box}>
      <label htmlFor={id}>
        {label}
        {input.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <input id={id} name={input.name ?? id} aria-describedby={described || undefined} aria-invalid={problem ? true : undefined} {...input} />
      {hint ? <span id={`${id}-hint`} className="muted hint">{hint}</span> : null}
      {problem ? <p className="field-problem" id={`${id}-problem`}>{problem}</p> : null}
    </div>
  );
}

/** The same for a text of several lines (a reason, the information asked for). */
export function TextAreaField({ id, label, hint, problem, ...area }: { id: string; label: ReactNode; hint?: ReactNode; problem?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const described = [hint ? `${id}-hint` : null, problem ? `${id}-problem` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {area.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <textarea id={id} name={area.name ?? id} aria-describedby={described || undefined} aria-invalid={problem ? true : undefined} {...area} />
      {hint ? <span id={`${id}-hint`} className="muted hint">{hint}</span> : null}
      {problem ? <p className="field-problem" id={`${id}-problem`}>{problem}</p> : null}
    </div>
  );
}

import { cn } from './cn';

interface FrameProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  className?: string;
}

const controlClass = (error?: string) =>
  cn(
    'block w-full rounded-lg border bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 dark:bg-slate-900',
    error ? 'border-red-500 focus:outline-red-500' : 'border-slate-300 dark:border-slate-700',
  );

/** The label, hint and error around one control, wired up for assistive technology. */
function FieldFrame({
  id,
  label,
  error,
  hint,
  className,
  children,
}: FrameProps & { children: (aria: React.AriaAttributes) => React.ReactNode }) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cn('space-y-1', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
        {label}
      </label>
      {children({
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input with its error message wired up for assistive technology. */
export function Field({
  id,
  label,
  error,
  hint,
  className,
  ...input
}: React.InputHTMLAttributes<HTMLInputElement> & FrameProps) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} className={className}>
      {(aria) => <input id={id} {...aria} className={controlClass(error)} {...input} />}
    </FieldFrame>
  );
}

/** A labelled multi-line text box. */
export function TextareaField({
  id,
  label,
  error,
  hint,
  className,
  ...textarea
}: React.TextareaHTMLAttributes<HTMLTextAreaElement> & FrameProps) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} className={className}>
      {(aria) => <textarea id={id} {...aria} className={controlClass(error)} {...textarea} />}
    </FieldFrame>
  );
}

/** A labelled select with its options. */
export function SelectField({
  id,
  label,
  error,
  hint,
  className,
  options,
  ...select
}: React.SelectHTMLAttributes<HTMLSelectElement> &
  FrameProps & { options: readonly { value: string; label: string }[] }) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} className={className}>
      {(aria) => (
        <select id={id} {...aria} className={controlClass(error)} {...select}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

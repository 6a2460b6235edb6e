'use client';

import { useFormStatus } from 'react-dom';
import { buttonClass, type ButtonVariant } from './button-class';

export { buttonClass };

function Spinner() {
  return (
    <svg className="h-4 w-4 animate-spin" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <circle cx="12" cy="12" r="10" stroke="currentColor" strokeOpacity="0.25" strokeWidth="4" />
      <path d="M22 12a10 10 0 0 0-10-10" stroke="currentColor" strokeWidth="4" />
    </svg>
  );
}

/** A submit button that shows its form's pending state. */
export function SubmitButton({
  children,
  pendingText,
  variant = 'primary',
  className,
  pending: forcedPending,
  disabled,
  ...rest
}: React.ButtonHTMLAttributes<HTMLButtonElement> & {
  pendingText: string;
  variant?: ButtonVariant;
  pending?: boolean;
}) {
  const { pending: formPending } = useFormStatus();
  const pending = forcedPending ?? formPending;
  return (
    <button
      type="submit"
      disabled={pending || disabled}
      aria-disabled={pending || disabled}
      className={buttonClass(variant, className)}
      {...rest}
    >
      {pending ? (
        <>
          <Spinner />
          <span>{pendingText}</span>
        </>
      ) : (
        children
      )}
    </button>
  );
}

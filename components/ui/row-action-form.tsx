'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { SubmitButton } from './button';
import { InlineError } from './inline-error';

/**
 * A list row's one-button form: it posts the row's id (`name`=`value`, hidden) to `action`, and
 * shows the action's error under the button.
 */
export function RowActionForm({
  action,
  name,
  value,
  pendingText,
  label,
  children,
}: {
  action: FormAction;
  name: string;
  value: string | number;
  pendingText: string;
  /** The button's accessible name, when its text alone does not say which row. */
  label?: string;
  children: React.ReactNode;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className="shrink-0">
      <input type="hidden" name={name} value={value} />
      <SubmitButton
        variant="secondary"
        pendingText={pendingText}
        className="px-3 py-1.5"
        aria-label={label}
      >
        {children}
      </SubmitButton>
      <InlineError message={state.error} />
    </form>
  );
}

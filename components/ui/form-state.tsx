import type { ActionState } from '@/lib/actions/validated-action';
import { Alert } from './alert';

/** A form's outcome, above its fields: the action's error or its success message. */
export function FormAlerts({ state }: { state: ActionState<unknown> }) {
  return (
    <>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.success ? <Alert tone="success">{state.success}</Alert> : null}
    </>
  );
}

export type FieldBinder = ReturnType<typeof fieldBinder>;

/**
 * A binder of fields to the form's state: `bind('subject')` gives the field's id and name, its
 * value (after a failed send, what was typed; otherwise `initial`'s or the fallback) and its error.
 */
export function fieldBinder(
  state: ActionState<unknown>,
  initial: Readonly<Record<string, string>> = {},
) {
  return (field: string, fallback = initial[field] ?? '') => ({
    id: field,
    name: field,
    defaultValue: state.error ? (state.values?.[field] ?? fallback) : fallback,
    error: state.fieldErrors?.[field]?.[0],
  });
}

'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/validated-action';
import { RATING_COMMENT_MAX } from '@/lib/validations/support';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/button';
import { TextareaField } from '@/components/ui/field';

/** "How did we do?", once for each resolution. */
export function RatingForm({ action, ticketId }: { action: FormAction; ticketId: string }) {
  const [state, formAction] = useActionState(action, {});
  const error = state.fieldErrors?.rating?.[0];
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="ticketId" value={ticketId} />
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <fieldset aria-describedby={error ? 'rating-error' : undefined}>
        <legend className="text-sm font-medium">How did we do?</legend>
        <div className="mt-2 flex gap-4">
          {(['good', 'bad'] as const).map((r) => (
            <label key={r} className="inline-flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="rating"
                value={r}
                required
                defaultChecked={state.values?.rating === r}
              />
              {r === 'good' ? 'Good' : 'Bad'}
            </label>
          ))}
        </div>
        {error ? (
          <p id="rating-error" className="mt-1 text-sm text-red-600 dark:text-red-400">
            {error}
          </p>
        ) : null}
      </fieldset>
      <TextareaField
        id="comment"
        name="comment"
        label="Comment (optional)"
        rows={3}
        maxLength={RATING_COMMENT_MAX}
        defaultValue={state.values?.comment}
        error={state.fieldErrors?.comment?.[0]}
      />
      <SubmitButton pendingText="Sending…">Send rating</SubmitButton>
    </form>
  );
}

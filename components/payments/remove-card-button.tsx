'use client';

import { useActionState, useId, useRef } from 'react';
import { buttonClass, SubmitButton } from '@/components/ui/button';
import type { FormAction } from '@/lib/actions/validated-action';

/**
 * "Remove" opens a confirmation dialog (a native modal <dialog>: focus is trapped and Escape
 * closes it); only its own button detaches the card. The action then reloads /billing with a
 * confirmation, so the card's row and this dialog are gone.
 */
export function RemoveCardButton({
  paymentMethodId,
  description,
  action,
}: {
  paymentMethodId: string;
  description: string;
  action: FormAction;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [state, formAction] = useActionState(action, {});

  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        aria-label={`Remove ${description}`}
        className={buttonClass('secondary', 'px-3 py-1.5')}
      >
        Remove
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          Remove this card?
        </h2>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
          {description} will no longer be saved for future payments. Past purchases and invoices are
          not affected.
        </p>
        {state.error ? (
          <p role="alert" className="mt-3 text-sm text-red-600 dark:text-red-400">
            {state.error}
          </p>
        ) : null}
        <form action={formAction} className="mt-5 flex flex-wrap justify-end gap-3">
          <input type="hidden" name="paymentMethodId" value={paymentMethodId} />
          <button
            type="button"
            onClick={() => dialog.current?.close()}
            className={buttonClass('secondary')}
          >
            Keep card
          </button>
          <SubmitButton variant="danger" pendingText="Removing…">
            Remove card
          </SubmitButton>
        </form>
      </dialog>
    </>
  );
}

import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button-class';

/**
 * The checkout success page when no purchase came of it (yet): what happened, a way to ask again
 * (`retry`, the button's label) when that may help, and the way back to the purchases.
 */
export function UnfinishedCheckout({
  title,
  tone,
  sessionId,
  retry,
  children,
}: {
  title: string;
  tone: 'error' | 'info';
  sessionId: string;
  retry?: string;
  children: React.ReactNode;
}) {
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold tracking-tight">{title}</h1>
      <Alert tone={tone}>{children}</Alert>
      <p className="mt-4 flex flex-wrap gap-3">
        {retry ? (
          <Link
            href={`/purchases/success?session_id=${encodeURIComponent(sessionId)}`}
            className={buttonClass('primary')}
          >
            {retry}
          </Link>
        ) : null}
        <Link href="/purchases" className={buttonClass('secondary')}>
          Back to purchases
        </Link>
      </p>
    </>
  );
}

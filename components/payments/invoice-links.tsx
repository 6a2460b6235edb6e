import { textLinkClass } from '@/components/ui/button-class';

/** The hosted invoice and its PDF, on Stripe's site (public capability URLs, as Stripe makes them). */
export function InvoiceLinks({
  invoice,
}: {
  invoice: {
    number: string | null;
    id: string;
    hostedInvoiceUrl: string | null;
    pdfUrl: string | null;
  };
}) {
  const name = invoice.number ?? invoice.id;
  return (
    <p className="flex flex-wrap gap-x-4 gap-y-1">
      {invoice.hostedInvoiceUrl ? (
        <a
          href={invoice.hostedInvoiceUrl}
          className={textLinkClass}
          rel="noopener noreferrer"
          target="_blank"
        >
          View invoice<span className="sr-only"> {name}</span>
        </a>
      ) : null}
      {invoice.pdfUrl ? (
        <a
          href={invoice.pdfUrl}
          className={textLinkClass}
          rel="noopener noreferrer"
          target="_blank"
        >
          Download PDF<span className="sr-only"> of invoice {name}</span>
        </a>
      ) : null}
    </p>
  );
}

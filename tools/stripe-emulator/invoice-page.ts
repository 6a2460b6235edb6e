/**
 * The hosted invoice (`hosted_invoice_url`) and its PDF (`invoice_pdf`): public capability URLs
 * as on Stripe, so the portal can link to them directly.
 */
import type Stripe from 'stripe';
import { escapeHtml, htmlPage, money, type Page } from './html';

const date = (unix: number): string => new Date(unix * 1000).toISOString().slice(0, 10);

function textLines(invoice: Stripe.Invoice): string[] {
  return [
    `Invoice ${invoice.number ?? invoice.id}`,
    `Date: ${date(invoice.created)}`,
    `Billed to: ${invoice.customer_name ?? ''} ${invoice.customer_email ?? ''}`.trim(),
    '',
    ...invoice.lines.data.map(
      (line) =>
        `${line.description ?? 'Item'} x ${line.quantity ?? 1}: ${money(line.amount, line.currency)}`,
    ),
    '',
    `Total: ${money(invoice.total, invoice.currency)}`,
    `Amount paid: ${money(invoice.amount_paid, invoice.currency)}`,
    `Status: ${invoice.status ?? 'draft'}`,
    'Issued by the Stripe emulator (test mode).',
  ];
}

export function invoicePage(invoice: Stripe.Invoice | undefined): Page {
  if (!invoice) return htmlPage(404, 'Not found', '<h1>This invoice does not exist.</h1>');
  const rows = invoice.lines.data
    .map(
      (line) =>
        `<tr><td>${escapeHtml(line.description ?? 'Item')} × ${line.quantity ?? 1}</td><td>${money(line.amount, line.currency)}</td></tr>`,
    )
    .join('');
  return htmlPage(
    200,
    `Invoice ${invoice.number ?? invoice.id}`,
    `<h1>Invoice ${escapeHtml(invoice.number ?? invoice.id)}</h1>
<p class="note">${date(invoice.created)} · ${escapeHtml(invoice.status ?? 'draft')}${
      invoice.customer_email ? ` · ${escapeHtml(invoice.customer_email)}` : ''
    }</p>
<table>${rows}<tr><td><strong>Total</strong></td><td><strong>${money(invoice.total, invoice.currency)}</strong></td></tr>
<tr><td>Amount paid</td><td>${money(invoice.amount_paid, invoice.currency)}</td></tr></table>
<p><a href="/invoices/${encodeURIComponent(invoice.id)}/pdf">Download PDF</a></p>`,
  );
}

/** A one-page PDF (Helvetica, ASCII text), built by hand with a correct cross-reference table. */
export function invoicePdf(invoice: Stripe.Invoice | undefined): Page {
  if (!invoice) return htmlPage(404, 'Not found', '<h1>This invoice does not exist.</h1>');
  const escape = (text: string) =>
    text.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = [
    'BT /F1 12 Tf 72 740 Td 16 TL',
    ...textLines(invoice).map((line) => `(${escape(line)}) Tj T*`),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, index) => {
    const offset = Buffer.byteLength(pdf);
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const filename = `Invoice-${(invoice.number ?? invoice.id).replace(/[^\w.-]/g, '_')}.pdf`;
  return {
    status: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body: Buffer.from(pdf, 'latin1'),
  };
}

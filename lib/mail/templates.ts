/**
 * Support and account e-mail, as plain text and HTML. Everything a person typed is escaped in the HTML part;
 * links are built from APP_URL, never from a request's Host header.
 */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

function layout(lines: { heading: string; body?: string; link: { href: string; text: string } }) {
  const body = lines.body
    ? `<div style="white-space:pre-wrap;border-left:3px solid #d9ebff;padding:8px 12px;margin:16px 0">${escapeHtml(lines.body)}</div>`
    : '';
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:600px">
<p>${escapeHtml(lines.heading)}</p>${body}
<p><a href="${escapeHtml(lines.link.href)}">${escapeHtml(lines.link.text)}</a></p>
<p style="color:#64748b;font-size:12px">Sense Security customer portal</p>
</body></html>`;
}

export interface TicketMailInput {
  ticketRef: string;
  subject: string;
  link: string;
  /** The message being announced, if any (never an internal note). */
  body?: string;
  author?: string;
}

/** To the customer: an agent answered in public. Reply to this e-mail to answer. */
export function agentReplyMail(t: TicketMailInput): RenderedMail {
  const heading = `${t.author ?? 'Support'} replied to your ticket ${t.ticketRef}, "${t.subject}":`;
  return {
    subject: `Re: [${t.ticketRef}] ${t.subject}`,
    text: `${heading}\n\n${t.body ?? ''}\n\nReply to this e-mail, or answer in the portal:\n${t.link}\n`,
    html: layout({ heading, body: t.body, link: { href: t.link, text: 'Open the ticket' } }),
  };
}

/** To the customer: the ticket was resolved. */
export function resolvedMail(t: TicketMailInput): RenderedMail {
  const heading = `Your ticket ${t.ticketRef}, "${t.subject}", was marked resolved. If the problem is still there, reply to this e-mail and it reopens.`;
  return {
    subject: `Resolved: [${t.ticketRef}] ${t.subject}`,
    text: `${heading}\n\nTell us how we did:\n${t.link}\n`,
    html: layout({ heading, link: { href: t.link, text: 'Rate the answer' } }),
  };
}

/** To the agents: a ticket opened, or its customer answered. */
export function staffTicketMail(
  t: TicketMailInput & { event: 'opened' | 'replied' },
): RenderedMail {
  const heading =
    t.event === 'opened'
      ? `${t.author ?? 'A customer'} opened ${t.ticketRef}, "${t.subject}":`
      : `${t.author ?? 'The customer'} replied on ${t.ticketRef}, "${t.subject}":`;
  return {
    subject: `${t.event === 'opened' ? 'New' : 'Reply'}: [${t.ticketRef}] ${t.subject}`,
    text: `${heading}\n\n${t.body ?? ''}\n\n${t.link}\n`,
    html: layout({ heading, body: t.body, link: { href: t.link, text: 'Open in the queue' } }),
  };
}

/** Account mail: one action each, by a link built from APP_URL. No mail holds a secret but its link. */
const ACCOUNT_MAIL = {
  verify_email: {
    subject: 'Confirm your e-mail address',
    heading:
      'Confirm this address for your Sense Security account. The link works once, for 24 hours; if you did not register, ignore this e-mail.',
    action: 'Confirm the address',
  },
  password_reset: {
    subject: 'Reset your password',
    heading:
      'Someone asked to reset the password of your Sense Security account. The link works once, for one hour. If it was not you, ignore this e-mail: your password stays as it is.',
    action: 'Choose a new password',
  },
  password_changed: {
    subject: 'Your password was changed',
    heading:
      'The password of your Sense Security account was just changed. If this was not you, end every session now (the link works for 7 days, even if the password is changed again), then reset your password.',
    action: 'End all sessions',
  },
  email_verified: {
    subject: 'Your e-mail address is confirmed',
    heading:
      'This address is now confirmed for your Sense Security account: buying, downloads and support are open to you. If this was not you, end every session now.',
    action: 'End all sessions',
  },
  new_sign_in: {
    subject: 'New sign-in to your account',
    heading:
      'Your Sense Security account was just signed in to from a device or network it has not used in 90 days. If this was you, nothing needs doing. If it was not, end every session now, then reset your password.',
    action: 'End all sessions',
  },
  provider_linked: {
    subject: 'A sign-in provider was linked to your account',
    heading:
      'Your Sense Security account can now be signed in to through your identity provider, which confirmed this address. If this was not you, end every session now and contact support.',
    action: 'End all sessions',
  },
} as const;

export type AccountMailKind = keyof typeof ACCOUNT_MAIL;

export function accountMail(kind: AccountMailKind, href: string): RenderedMail {
  const { subject, heading, action } = ACCOUNT_MAIL[kind];
  return {
    subject,
    text: `${heading}\n\n${action}:\n${href}\n`,
    html: layout({ heading, link: { href, text: action } }),
  };
}

/** E-mails are stored trimmed and lower-cased, which makes the unique index case-insensitive. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

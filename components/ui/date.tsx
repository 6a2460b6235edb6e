import { isoSeconds, relativeTime } from '@/lib/format';

const dayFormat = new Intl.DateTimeFormat('en', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

const stampFormat = new Intl.DateTimeFormat('en', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** A calendar date ("Jan 1, 2024"); contract dates are whole UTC days. */
export function DateText({ date }: { date: Date }) {
  return <time dateTime={date.toISOString().slice(0, 10)}>{dayFormat.format(date)}</time>;
}

/** "2 hours ago", with the exact UTC time on hover. */
export function RelativeTime({ date, now }: { date: Date; now?: Date }) {
  return (
    <time dateTime={isoSeconds(date)} title={`${stampFormat.format(date)} UTC`}>
      {relativeTime(date, now)}
    </time>
  );
}

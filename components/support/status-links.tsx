import { FilterLinks } from '@/components/ui/filter-links';
import { TICKET_STATUSES, type TicketStatusName } from '@/lib/validations/support';

const LABELS: Record<TicketStatusName, string> = {
  open: 'Open',
  awaiting_support: 'Awaiting support',
  awaiting_customer: 'Awaiting your reply',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** The ticket lists' status filter; `extra` keeps the queue's other filters. */
export function StatusLinks({
  basePath,
  current,
  extra = {},
  forStaff = false,
}: {
  basePath: string;
  current: TicketStatusName | undefined;
  extra?: Record<string, string | undefined>;
  forStaff?: boolean;
}) {
  const label = (s: TicketStatusName) =>
    forStaff && s === 'awaiting_customer' ? 'Awaiting customer' : LABELS[s];
  const href = (status?: TicketStatusName) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...extra, status })) if (v) params.set(k, v);
    const query = params.toString();
    return query ? `${basePath}?${query}` : basePath;
  };
  const values: (TicketStatusName | undefined)[] = [undefined, ...TICKET_STATUSES];
  return (
    <FilterLinks
      label="Filter by status"
      options={values.map((v) => ({
        text: v ? label(v) : 'All',
        href: href(v),
        active: v === current,
      }))}
    />
  );
}

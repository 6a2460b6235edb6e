import { enumLabel } from '@/components/ui/badge';
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from '@/lib/validations/support';

/** The support selects' options, labelled once for the customer's form and the agents' pages. */
const labelled = (values: readonly string[]) =>
  values.map((value) => ({ value, label: enumLabel(value.replace('_', ' ')) }));

export const CATEGORY_OPTIONS = labelled(TICKET_CATEGORIES);
export const PRIORITY_OPTIONS = labelled(TICKET_PRIORITIES);
export const STATUS_OPTIONS = labelled(TICKET_STATUSES);

import {
  addCustomerMessage,
  addStaffMessage,
  createTicket,
  listTickets,
  resolveTicket,
  type CreateTicketInput,
} from '../lib/support/tickets';

/** A message in a demo ticket's thread, after the customer's opening one. */
type DemoMessage =
  { from: 'agent'; internal?: true; body: string } | { from: 'customer'; body: string };

interface DemoTicket {
  ticket: Omit<CreateTicketInput, 'userId'>;
  thread: DemoMessage[];
  /** The customer marks it resolved at the end. */
  resolved?: true;
}

const DEMO_TICKETS: DemoTicket[] = [
  {
    ticket: {
      subject: 'Loading dock camera drops offline at night',
      description:
        'Since Tuesday the camera over the loading dock goes offline around 2 a.m. and comes back at 6.\nThe other cameras are fine. Could you check it?',
      category: 'TECHNICAL',
      priority: 'HIGH',
      contractId: 1001,
    },
    thread: [
      {
        from: 'agent',
        internal: true,
        body: 'Firmware 4.2 on this model has a known night-mode bug; check before sending a technician.',
      },
      {
        from: 'agent',
        body: 'Thanks for the report. Could you tell us whether the camera switches to night mode before it drops? A photo of its status light helps too.',
      },
    ],
  },
  {
    ticket: {
      subject: 'Company name on the invoice',
      description: 'Please put "Reyes Logistics LLC" on my invoices instead of my name.',
      category: 'BILLING',
      priority: 'LOW',
    },
    thread: [
      {
        from: 'agent',
        body: 'Done: new invoices carry Reyes Logistics LLC. Past ones keep the name they were issued with.',
      },
      { from: 'customer', body: 'Perfect, thank you!' },
    ],
    resolved: true,
  },
];

/**
 * Two tickets for the demo customer, answered by the demo agent: one waiting for the customer
 * (with an internal note the customer never sees) and one resolved, ready to rate. Written
 * through the support domain, once: a customer who has tickets already is left alone.
 */
export async function seedDemoTickets(customerId: number, agentId: number): Promise<void> {
  if ((await listTickets({ userId: customerId, page: 1, pageSize: 1 })).total > 0) return;

  for (const { ticket, thread, resolved } of DEMO_TICKETS) {
    const { id: ticketId } = await createTicket({ userId: customerId, ...ticket });
    for (const message of thread) {
      if (message.from === 'agent') {
        const internal = message.internal ?? false;
        await addStaffMessage({ actorId: agentId, ticketId, internal, body: message.body });
      } else {
        await addCustomerMessage({ userId: customerId, ticketId, body: message.body });
      }
    }
    if (resolved) await resolveTicket({ userId: customerId, ticketId });
  }
}

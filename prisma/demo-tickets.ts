import {
  addCustomerMessage,
  addStaffMessage,
  createTicket,
  listTickets,
  resolveTicket,
} from '../lib/support/tickets';

/**
 * Two tickets for the demo customer, answered by the demo agent: one waiting for the customer
 * (with an internal note the customer never sees) and one resolved, ready to rate. Written
 * through the support domain, once: a customer who has tickets already is left alone.
 */
export async function seedDemoTickets(customerId: number, agentId: number): Promise<void> {
  if ((await listTickets({ userId: customerId, page: 1, pageSize: 1 })).total > 0) return;

  const camera = await createTicket({
    userId: customerId,
    subject: 'Loading dock camera drops offline at night',
    description:
      'Since Tuesday the camera over the loading dock goes offline around 2 a.m. and comes back at 6.\nThe other cameras are fine. Could you check it?',
    category: 'TECHNICAL',
    priority: 'HIGH',
    contractId: 1001,
  });
  await addStaffMessage({
    actorId: agentId,
    ticketId: camera.id,
    internal: true,
    body: 'Firmware 4.2 on this model has a known night-mode bug; check before sending a technician.',
  });
  await addStaffMessage({
    actorId: agentId,
    ticketId: camera.id,
    internal: false,
    body: 'Thanks for the report. Could you tell us whether the camera switches to night mode before it drops? A photo of its status light helps too.',
  });

  const invoice = await createTicket({
    userId: customerId,
    subject: 'Company name on the invoice',
    description: 'Please put "Reyes Logistics LLC" on my invoices instead of my name.',
    category: 'BILLING',
    priority: 'LOW',
  });
  await addStaffMessage({
    actorId: agentId,
    ticketId: invoice.id,
    internal: false,
    body: 'Done: new invoices carry Reyes Logistics LLC. Past ones keep the name they were issued with.',
  });
  await addCustomerMessage({
    userId: customerId,
    ticketId: invoice.id,
    body: 'Perfect, thank you!',
  });
  await resolveTicket({ userId: customerId, ticketId: invoice.id });
}

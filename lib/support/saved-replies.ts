/**
 * Answers agents give often, inserted into the reply box and edited before sending. Kept in code
 * (reviewed like any text customers read); a table can replace this list when agents need to
 * edit it themselves.
 */
export const SAVED_REPLIES = [
  {
    id: 'more-details',
    title: 'Ask for details',
    body: 'Thanks for reaching out. Could you tell us when this started, what you see on screen (a photo helps), and whether anything changed on site around that time?',
  },
  {
    id: 'reboot-panel',
    title: 'Restart the panel',
    body: 'Please restart the control panel: hold the power button for 10 seconds, wait until the status light is steady green (about two minutes), then check again. Let us know what you see.',
  },
  {
    id: 'technician',
    title: 'Technician visit',
    body: 'We have scheduled a technician visit. You will receive the date and time window by e-mail; reply here if it does not suit you.',
  },
  {
    id: 'resolved-check',
    title: 'Check before resolving',
    body: 'We believe this is fixed now. If everything works on your side, you can mark the ticket resolved; otherwise just reply and we will keep going.',
  },
] as const;

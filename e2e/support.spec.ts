import type { Page } from '@playwright/test';
import { db } from '@/lib/db/client';
import { HTML, PDF, PNG } from '../tests/support/files';
import { createTestUser } from '../tests/support/users';
import {
  allowConsoleErrors,
  expect,
  saveScreenshot,
  signInFresh,
  test,
  uniqueTag,
} from './fixtures';

const HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

/** Fills in and sends the new-ticket form; returns the new ticket's id (`ticket_<n>`). */
async function openTicket(
  page: Page,
  ticket: { subject: string; category?: string; priority?: string; description: string },
): Promise<string> {
  await page.getByLabel('Subject').fill(ticket.subject);
  if (ticket.category) await page.getByLabel('Category').selectOption(ticket.category);
  if (ticket.priority) await page.getByLabel('Priority').selectOption(ticket.priority);
  await page.getByLabel('Describe the problem').fill(ticket.description);
  await page.getByRole('button', { name: 'Open ticket' }).click();
  await expect(page).toHaveURL(/\/support\/ticket_\d+\?opened=1$/);
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}

/** Chooses one file in the form's attachment picker and waits until it is uploaded. */
async function attach(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.getByLabel('Attachments (optional)').setInputFiles({
    name,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(bytes),
  });
  await expect(page.getByText('Attached')).toBeVisible();
}

/** An attached image shows in the thread, loaded through its signed link. */
async function expectImage(page: Page, name: string): Promise<void> {
  const image = page.getByRole('img', { name });
  await expect(image).toBeVisible();
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBe(1);
}

test.describe('support tickets', () => {
  test('a customer and an agent work a ticket in two browsers', async ({
    page,
    customer,
    openBrowser,
  }) => {
    test.slow();
    const tag = uniqueTag();
    await signInFresh(page, customer);
    await page.goto('/support');
    await expect(page.getByText('No tickets yet')).toBeVisible();

    // The customer opens a ticket; HTML in it is text.
    await page.getByRole('link', { name: 'New ticket' }).click();
    // An HTML page named .png is refused by its content (the browser logs the 415); a real
    // screenshot is attached.
    allowConsoleErrors(
      /status of 415 \(Unsupported Media Type\) \(at \S+\/api\/v1\/support\/attachments:1\)/,
    );
    await page.getByLabel('Attachments (optional)').setInputFiles({
      name: 'invoice.png',
      mimeType: 'image/png',
      buffer: Buffer.from(HTML),
    });
    await expect(page.getByText('invoice.png is not a file type support accepts')).toBeVisible();
    await page.getByRole('button', { name: 'Remove invoice.png' }).click();
    await attach(page, 'screenshot.png', PNG);
    const id = await openTicket(page, {
      subject: `Installer stops at 40% ${tag}`,
      category: 'technical',
      priority: 'high',
      description: `Windows 11, version 2.0.0.\nIt stops at 40%.\n${HOSTILE}`,
    });
    await expect(page.getByText('Your ticket is open.')).toBeVisible();
    await expect(page.getByText(HOSTILE, { exact: false })).toBeVisible();
    await expectImage(page, 'screenshot.png');

    // The agent finds it in the queue and answers, then adds a note.
    const agent = await createTestUser({ role: 'SUPPORT_AGENT', firstName: 'Alice' });
    const desk = await openBrowser();
    await signInFresh(desk, agent);
    await desk.getByRole('link', { name: 'Queue' }).first().click();
    await desk.getByLabel('Search').fill(tag);
    await desk.getByRole('button', { name: 'Apply filters' }).click();
    await desk.getByRole('link', { name: `Installer stops at 40% ${tag}` }).click();
    await expect(desk).toHaveURL(new RegExp(`/staff/tickets/${id}$`));
    await expectImage(desk, 'screenshot.png');
    await desk.getByLabel('Reply or note').fill('Which antivirus do you run?');
    await desk.getByRole('button', { name: 'Send' }).click();
    await expect(desk.getByRole('main').getByText('Reply sent')).toBeVisible();
    const marker = `NOTE-${tag}`;
    await desk.getByLabel('Reply or note').fill(`Probably the AV quarantine again ${marker}`);
    await desk.getByLabel('Internal note (only staff see it)').check();
    await desk.getByRole('button', { name: 'Send' }).click();
    await expect(desk.getByTestId('internal-note')).toContainText(marker);

    // The customer sees the reply without reloading, and never the note.
    await expect(page.getByText('Which antivirus do you run?')).toBeVisible({ timeout: 10_000 });
    await expect(page.getByText('Awaiting your reply')).toBeVisible();
    expect(await page.content()).not.toContain(marker);

    // Replies, resolves and rates.
    await page.getByLabel('Your reply').fill('Windows Defender only.\nNothing else.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expect(page.getByText('Windows Defender only.')).toBeVisible();
    await expect(page.getByText('Awaiting support')).toBeVisible();
    await page.getByRole('button', { name: 'Mark as resolved' }).click();
    await expect(page.getByRole('button', { name: 'Reopen ticket' })).toBeVisible();
    await page.getByLabel('Good').check();
    await page.getByLabel('Comment (optional)').fill('Fast answer');
    await page.getByRole('button', { name: 'Send rating' }).click();
    await expect(page.getByText('Good: “Fast answer”')).toBeVisible();
    expect(await page.content()).not.toContain(marker);

    // The agent's page shows the customer's answer and the rating without a reload.
    await expect(desk.getByText('Windows Defender only.')).toBeVisible({ timeout: 10_000 });
    await expect(desk.getByText('Good: “Fast answer”')).toBeVisible({ timeout: 10_000 });

    // No script from the ticket ran in either browser.
    for (const p of [page, desk]) {
      expect(await p.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    }
    const stored = await db.ticket.findUniqueOrThrow({
      where: { id: Number(id.replace('ticket_', '')) },
      select: { status: true, rating: true, description: true },
    });
    expect(stored).toMatchObject({ status: 'RESOLVED', rating: 'GOOD' });
    expect(stored.description).toContain(HOSTILE);
  });

  test('the staff pages are a 404 for customers, and a closed ticket offers a follow-up', async ({
    page,
    customer,
  }) => {
    allowConsoleErrors(/status of 404 \(Not Found\) \(at \S+\/staff\/tickets[^\s]*:1\)/);
    await signInFresh(page, customer);
    for (const path of ['/staff/tickets', '/staff/tickets/ticket_1']) {
      expect((await page.goto(path))?.status(), path).toBe(404);
    }
    await expect(page.getByRole('link', { name: 'Queue' })).toHaveCount(0);

    const ticket = await db.ticket.create({
      data: {
        userId: customer.id,
        subject: 'Old question',
        description: 'Answered long ago',
        category: 'OTHER',
        priority: 'LOW',
        status: 'CLOSED',
        closedAt: new Date(),
      },
    });
    await page.goto(`/support/ticket_${ticket.id}`);
    await expect(page.getByText('This ticket is closed and takes no more replies.')).toBeVisible();
    await expect(page.getByLabel('Your reply')).toHaveCount(0);
    await page.getByRole('link', { name: 'Open a follow-up ticket' }).click();
    await expect(page.getByText(`follows up the closed ticket ticket_${ticket.id}`)).toBeVisible();
    await openTicket(page, { subject: 'Same question again', description: 'It came back.' });
    const followUp = await db.ticket.findFirstOrThrow({
      where: { userId: customer.id, followUpOfId: ticket.id },
    });
    expect(followUp.subject).toBe('Same question again');

    // The customer turns support e-mail off.
    await page.goto('/support');
    await page.getByLabel('E-mail me when support answers or resolves a ticket').uncheck();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('No more e-mail about your tickets')).toBeVisible();
    const user = await db.user.findUniqueOrThrow({
      where: { id: customer.id },
      select: { supportEmails: true },
    });
    expect(user.supportEmails).toBe(false);
  });

  test('an empty form says what is missing', async ({ page, customer }) => {
    await signInFresh(page, customer);
    await page.goto('/support/new');
    await page.getByRole('button', { name: 'Open ticket' }).click();
    await expect(page.getByText('subject must not be empty')).toBeVisible();
    await expect(page.getByText('description must not be empty')).toBeVisible();
    await expect(page.getByLabel('Subject')).toHaveAttribute('aria-invalid', 'true');
  });
});

for (const [device, viewport] of [
  ['desktop', { width: 1280, height: 900 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  test.describe(`support screenshots, ${device}, dark mode`, () => {
    test.use({ colorScheme: 'dark', viewport });

    test('list, new ticket, thread, queue and staff thread', async ({
      page,
      customer,
      openBrowser,
    }) => {
      test.slow();
      await signInFresh(page, customer);
      await page.goto('/support/new');
      await saveScreenshot(page, `support-new-${device}-dark`);
      const tag = uniqueTag();
      await attach(page, 'front-door.png', PNG);
      const id = await openTicket(page, {
        subject: `Door lock keeps beeping ${tag}`,
        category: 'technical',
        description: 'The front door lock beeps twice an hour.',
      });

      const agent = await createTestUser({ role: 'SUPPORT_AGENT', firstName: 'Sam' });
      const desk = await openBrowser();
      await desk.setViewportSize(viewport);
      await desk.emulateMedia({ colorScheme: 'dark' });
      await signInFresh(desk, agent);
      await desk.goto(`/staff/tickets/${id}`);
      await desk.getByLabel('Insert a saved reply').selectOption({ label: 'Restart the panel' });
      await expect(desk.getByLabel('Reply or note')).toHaveValue(/restart the control panel/);
      await desk
        .getByLabel('Reply or note')
        .fill('Low battery warning: we will send a technician.');
      await attach(desk, 'battery-report.pdf', PDF);
      await desk.getByRole('button', { name: 'Send' }).click();
      await expect(desk.getByRole('main').getByText('Reply sent')).toBeVisible();
      await desk.getByLabel('Reply or note').fill('Battery pack ordered, arrives Thursday.');
      await desk.getByLabel('Internal note (only staff see it)').check();
      await desk.getByRole('button', { name: 'Send' }).click();
      await expect(desk.getByTestId('internal-note')).toBeVisible();
      await saveScreenshot(desk, `staff-ticket-${device}-dark`);
      await desk.goto(`/staff/tickets?q=${tag}`);
      await expect(
        desk.getByRole('link', { name: `Door lock keeps beeping ${tag}` }),
      ).toBeVisible();
      await saveScreenshot(desk, `staff-queue-${device}-dark`);

      await page.reload();
      await expect(page.getByText('Low battery warning')).toBeVisible();
      await expect(page.getByRole('link', { name: /battery-report\.pdf/ })).toBeVisible();
      await expectImage(page, 'front-door.png');
      await saveScreenshot(page, `support-ticket-${device}-dark`);
      await page.goto('/support');
      await expect(
        page.getByRole('link', { name: `Door lock keeps beeping ${tag}` }),
      ).toBeVisible();
      await saveScreenshot(page, `support-list-${device}-dark`);
    });
  });
}

import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db/client';
import { generateLicenseKey } from '@/lib/licenses/keys';
import { licensedPurchase } from '@/prisma/demo-releases';

/**
 * A completed $359 purchase with its license, written straight to the database, for tests about
 * what a license allows (downloads, the licenses page) rather than about buying, which has its own
 * tests through the Stripe emulator. Shared by the Vitest suites and the Playwright specs.
 */
export async function grantLicense(
  userId: number,
  options: { majorVersion?: number; status?: 'ACTIVE' | 'SUSPENDED'; reason?: string } = {},
) {
  const suspended = options.status === 'SUSPENDED';
  return db.purchase.create({
    data: licensedPurchase({
      userId,
      checkoutSessionId: `cs_test_fixture_${randomBytes(12).toString('hex')}`,
      status: suspended && options.reason === 'refunded' ? 'REFUNDED' : 'COMPLETED',
      license: {
        key: generateLicenseKey(),
        majorVersion: options.majorVersion ?? 2,
        status: options.status ?? 'ACTIVE',
        suspendedAt: suspended ? new Date() : null,
        suspendReason: suspended ? (options.reason ?? 'refunded') : null,
      },
    }),
    include: { license: true },
  });
}

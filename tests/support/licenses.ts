import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db/client';
import { generateLicenseKey } from '@/lib/licenses/keys';

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
    data: {
      userId,
      checkoutSessionId: `cs_test_fixture_${randomBytes(12).toString('hex')}`,
      amount: 35_900,
      currency: 'usd',
      status: suspended && options.reason === 'refunded' ? 'REFUNDED' : 'COMPLETED',
      items: {
        create: [
          {
            productType: 'base_product',
            description: 'Base Software License',
            amount: 35_900,
            quantity: 1,
          },
        ],
      },
      license: {
        // The license's user_id comes from the purchase (its [purchase_id, user_id] foreign key).
        create: {
          key: generateLicenseKey(),
          productType: 'base_product',
          majorVersion: options.majorVersion ?? 2,
          status: options.status ?? 'ACTIVE',
          suspendedAt: suspended ? new Date() : null,
          suspendReason: suspended ? (options.reason ?? 'refunded') : null,
        },
      },
    },
    include: { license: true },
  });
}

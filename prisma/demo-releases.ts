import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { db } from '../lib/db/client';
import type { LicenseStatus, PurchaseStatus } from '../lib/db/generated/enums';
import { getEnv } from '../lib/env';

/**
 * The demo's releases: Sense Base 1.4.2 and 2.0.0 for Windows and Linux. The files are small and
 * deterministic (a SHA-256 counter stream), written into DOWNLOADS_DIR at seed time, so a fresh
 * clone has real bytes to download and check without committing binaries.
 */
export const DEMO_RELEASES = [
  {
    id: 'software_v2',
    version: '2.0.0',
    majorVersion: 2,
    releasedAt: '2026-09-01T09:00:00Z',
    notes: 'Sense Base 2: new alert rules engine and faster sync.',
  },
  {
    id: 'software_v1',
    version: '1.4.2',
    majorVersion: 1,
    releasedAt: '2025-11-12T09:00:00Z',
    notes: 'Final maintenance release of the 1.x line.',
  },
] as const;

export const DEMO_PLATFORMS = ['windows-x64', 'linux-x64'] as const;
const FILE_SIZE = 192 * 1024 + 37;

/** Deterministic bytes for a release file, so tests can recompute what they should receive. */
export function releaseBytes(seed: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  for (let offset = 0, counter = 0; offset < size; counter += 1) {
    const block = createHash('sha256').update(`${seed}:${counter}`).digest();
    offset += block.copy(out, offset);
  }
  return out;
}

export async function seedReleases(): Promise<void> {
  const dir = path.resolve(getEnv().DOWNLOADS_DIR);
  for (const release of DEMO_RELEASES) {
    const data = {
      productType: 'base_product',
      version: release.version,
      majorVersion: release.majorVersion,
      releasedAt: new Date(release.releasedAt),
      notes: release.notes,
    };
    await db.release.upsert({
      where: { id: release.id },
      create: { id: release.id, ...data },
      update: data,
    });
    for (const platform of DEMO_PLATFORMS) {
      const filename = `sense-base-${release.version}-${platform}.bin`;
      const storageKey = path.posix.join(release.id, filename);
      const bytes = releaseBytes(`${release.id}/${platform}`, FILE_SIZE);
      mkdirSync(path.join(dir, release.id), { recursive: true });
      writeFileSync(path.join(dir, storageKey), bytes);
      const file = {
        filename,
        storageKey,
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
      await db.releaseFile.upsert({
        where: { releaseId_platform: { releaseId: release.id, platform } },
        create: { releaseId: release.id, platform, ...file },
        update: file,
      });
    }
  }
}

/**
 * A completed $359 Sense Base purchase with its license, as `db.purchase.create` takes it: the
 * demo customer's purchase below, and the licenses tests grant (tests/support/licenses.ts).
 */
export function licensedPurchase(input: {
  userId: number;
  checkoutSessionId: string;
  status?: PurchaseStatus;
  createdAt?: Date;
  license: {
    key: string;
    majorVersion: number;
    status?: LicenseStatus;
    suspendedAt?: Date | null;
    suspendReason?: string | null;
    createdAt?: Date;
  };
}) {
  const { license, ...purchase } = input;
  return {
    ...purchase,
    amount: 35_900,
    currency: 'usd',
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
    // The license's user_id comes from the purchase (its [purchase_id, user_id] foreign key).
    license: { create: { productType: 'base_product', ...license } },
  };
}

/**
 * The demo customer bought Sense Base 1 in January 2025 (a v1 license), so the demo shows a past
 * purchase, a license key, a v1 download and a locked v2 that a new purchase unlocks.
 */
export async function seedDemoPurchase(customerId: number): Promise<void> {
  const sessionId = 'cs_demo_seed_purchase_2025';
  const existing = await db.purchase.findUnique({ where: { checkoutSessionId: sessionId } });
  if (existing) return;
  const boughtAt = new Date('2025-01-15T10:30:00Z');
  await db.purchase.create({
    data: licensedPurchase({
      userId: customerId,
      checkoutSessionId: sessionId,
      createdAt: boughtAt,
      license: { key: 'SNSB-V7KR-R2QX-8M4P', majorVersion: 1, createdAt: boughtAt },
    }),
  });
}

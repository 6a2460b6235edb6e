import 'server-only';
import { requireVerifiedEmail } from '@/lib/accounts/users';
import { db } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { AppError, forbidden, isAppError, notFound } from '@/lib/errors';
import { suspendedMajors, usableLicenses } from '@/lib/licenses/licenses';
import { product, PRODUCT_TYPES } from '@/lib/payments/catalogue';
import { PLATFORMS } from '@/lib/validations/downloads';
import { signGrant, verifyGrant, type DownloadGrant } from './signing';

/**
 * Releases and who may download them. A release (`software_v2`) is the current version of one
 * major line; an active license covers the major version it was bought for. Links are minted per
 * customer, release and platform, and the file route checks the license again, so suspending a
 * license (refund, dispute) stops links already handed out.
 */

export interface ReleaseFileView {
  platform: string;
  filename: string;
  size: number;
  sha256: string;
}

export interface DownloadView {
  id: string;
  productType: string;
  version: string;
  majorVersion: number;
  releasedAt: Date;
  notes: string | null;
  files: ReleaseFileView[];
  canDownload: boolean;
  /** Why not, in words a customer understands; null when canDownload. */
  reason: string | null;
  /** Locked, not suspended, and a purchase today would unlock it (the catalogue sells its major). */
  purchasable: boolean;
}

const platformRank = (platform: string) => {
  const rank = (PLATFORMS as readonly string[]).indexOf(platform);
  return rank === -1 ? PLATFORMS.length : rank;
};

function lockReason(
  release: { productType: string; majorVersion: number },
  licenses: { productType: string; majorVersion: number }[],
  suspended: boolean,
): string | null {
  if (
    licenses.some(
      (l) => l.productType === release.productType && l.majorVersion === release.majorVersion,
    )
  ) {
    return null;
  }
  if (suspended) return 'Your license for this version is suspended. Contact support.';
  if (licenses.length === 0) return 'Buy Sense Base to download it.';
  // Numeric order (a bare sort() puts 10 before 2), each as "N.x".
  const majors = [...new Set(licenses.map((l) => l.majorVersion))]
    .sort((a, b) => a - b)
    .map((major) => `${major}.x`)
    .join(', ');
  return `Your license covers version ${majors}; version ${release.majorVersion}.x needs its own license.`;
}

export async function listDownloads(userId: number): Promise<DownloadView[]> {
  const [releases, licenses, suspended] = await Promise.all([
    db.release.findMany({ include: { files: true }, orderBy: { majorVersion: 'desc' } }),
    usableLicenses(userId),
    suspendedMajors(userId),
  ]);
  return releases.map((release) => {
    const isSuspended = suspended.includes(release.majorVersion);
    const reason = lockReason(release, licenses, isSuspended);
    return {
      id: release.id,
      productType: release.productType,
      version: release.version,
      majorVersion: release.majorVersion,
      releasedAt: release.releasedAt,
      notes: release.notes,
      files: release.files
        .sort((a, b) => platformRank(a.platform) - platformRank(b.platform))
        .map((f) => ({
          platform: f.platform,
          filename: f.filename,
          size: f.size,
          sha256: f.sha256,
        })),
      canDownload: reason === null,
      reason,
      purchasable:
        reason !== null &&
        !isSuspended &&
        PRODUCT_TYPES.some(
          (type) =>
            type === release.productType && product(type).majorVersion === release.majorVersion,
        ),
    };
  });
}

async function findFile(releaseId: string, platform?: string) {
  const release = await db.release.findUnique({
    where: { id: releaseId },
    include: { files: true },
  });
  if (!release) throw notFound('Release not found');
  const files = release.files.sort((a, b) => platformRank(a.platform) - platformRank(b.platform));
  const file = platform ? files.find((f) => f.platform === platform) : files[0];
  if (!file)
    throw notFound(platform ? `No ${platform} build of this release` : 'Release has no files');
  return { release, file };
}

async function covers(userId: number, release: { productType: string; majorVersion: number }) {
  const licenses = await usableLicenses(userId);
  return licenses.some(
    (l) => l.productType === release.productType && l.majorVersion === release.majorVersion,
  );
}

export interface DownloadLink {
  url: string;
  expiresAt: Date;
  releaseId: string;
  version: string;
  platform: string;
  filename: string;
  size: number;
  sha256: string;
}

export async function mintDownloadUrl(
  userId: number,
  releaseId: string,
  platform?: string,
): Promise<DownloadLink> {
  await requireVerifiedEmail(userId);
  const { release, file } = await findFile(releaseId, platform);
  if (!(await covers(userId, release))) {
    throw new AppError(
      'LICENSE_REQUIRED',
      `An active license for version ${release.majorVersion}.x is required to download this release`,
    );
  }
  const env = getEnv();
  const expires = Math.floor(Date.now() / 1000) + env.DOWNLOAD_URL_TTL_SECONDS;
  const grant: DownloadGrant = { releaseId: release.id, platform: file.platform, userId, expires };
  const query = new URLSearchParams({
    customer: String(userId),
    expires: String(expires),
    signature: signGrant(grant, env.downloadSigningSecret),
  });
  return {
    url: `${env.appUrl}/api/files/${encodeURIComponent(release.id)}/${encodeURIComponent(file.platform)}?${query}`,
    expiresAt: new Date(expires * 1000),
    releaseId: release.id,
    version: release.version,
    platform: file.platform,
    filename: file.filename,
    size: file.size,
    sha256: file.sha256,
  };
}

export interface AuthorizedFile {
  storageKey: string;
  filename: string;
  size: number;
  sha256: string;
}

/**
 * The file route's check: a valid, unexpired signature, a license that still covers it, and an
 * account that is still active.
 */
export async function authorizeDownload(input: {
  releaseId: string;
  platform: string;
  customer: string | null;
  expires: string | null;
  signature: string | null;
}): Promise<AuthorizedFile> {
  const denied = (message: string) => forbidden('FORBIDDEN', message);
  const userId = /^[1-9][0-9]{0,9}$/.test(input.customer ?? '') ? Number(input.customer) : null;
  const expires = /^[0-9]{1,12}$/.test(input.expires ?? '') ? Number(input.expires) : null;
  if (userId === null || expires === null || !input.signature) {
    throw denied('This download link is incomplete');
  }
  const grant = { releaseId: input.releaseId, platform: input.platform, userId, expires };
  const verdict = verifyGrant(grant, input.signature, getEnv().downloadSigningSecret);
  if (verdict === 'invalid') throw denied('This download link is not valid');
  if (verdict === 'expired') throw denied('This download link has expired; ask for a new one');
  // A release withdrawn since the link was signed reads as an invalid link; any other failure
  // (the database down) stays an error, not a misleading 403.
  const found = await findFile(input.releaseId, input.platform).catch((error: unknown) => {
    if (isAppError(error, 'NOT_FOUND')) return null;
    throw error;
  });
  if (!found) throw denied('This download link is not valid');
  if (!(await covers(userId, found.release))) {
    throw denied('The license or account for this download is no longer active');
  }
  return {
    storageKey: found.file.storageKey,
    filename: found.file.filename,
    size: found.file.size,
    sha256: found.file.sha256,
  };
}

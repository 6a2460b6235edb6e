import type { Metadata } from 'next';
import Link from 'next/link';
import { DownloadButton } from '@/components/downloads/download-button';
import { PageHeader } from '@/components/layout/page-header';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { DateText } from '@/components/ui/date';
import { requireSession } from '@/lib/auth/guards';
import { listDownloads } from '@/lib/downloads/releases';
import { product } from '@/lib/payments/catalogue';
import { downloadAction } from './actions';

export const metadata: Metadata = { title: 'Downloads' };

const PLATFORM_NAMES: Record<string, string> = {
  'windows-x64': 'Windows (x64)',
  'macos-arm64': 'macOS (Apple silicon)',
  'linux-x64': 'Linux (x64)',
};

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

function LockIcon() {
  return (
    <svg
      viewBox="0 0 20 20"
      fill="currentColor"
      aria-hidden="true"
      className="mt-0.5 h-4 w-4 shrink-0"
    >
      <path
        fillRule="evenodd"
        d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z"
        clipRule="evenodd"
      />
    </svg>
  );
}

export default async function DownloadsPage() {
  const session = await requireSession();
  const releases = await listDownloads(session.user.id);
  const forSale = product('base_product');

  return (
    <>
      <PageHeader
        title="Downloads"
        description="Sense Base releases. A license covers every release of the major version it was bought for."
      />
      {releases.length === 0 ? (
        <EmptyState title="No releases yet">Releases appear here as they are published.</EmptyState>
      ) : (
        <div className="space-y-6">
          {releases.map((release) => (
            <Card
              key={release.id}
              title={`Sense Base ${release.version}`}
              description={release.notes ?? undefined}
            >
              <p className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-500 dark:text-slate-400">
                {release.canDownload ? (
                  <Badge tone="green">Included in your license</Badge>
                ) : (
                  <Badge tone="slate">Locked</Badge>
                )}
                <span>
                  Released <DateText date={release.releasedAt} /> ·{' '}
                  {`version ${release.majorVersion}.x`}
                </span>
              </p>
              {release.reason ? (
                <p className="mb-3 flex items-start gap-2 rounded-lg bg-slate-100 px-3 py-2 text-sm text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                  <LockIcon />
                  <span>
                    {release.reason}{' '}
                    {release.purchasable ? (
                      <Link
                        href="/purchases"
                        className="font-medium text-brand-600 hover:underline dark:text-brand-100"
                      >
                        Buy {forSale.name}
                      </Link>
                    ) : null}
                  </span>
                </p>
              ) : null}
              <ul className="divide-y divide-slate-200 dark:divide-slate-800">
                {release.files.map((file) => (
                  <li
                    key={file.platform}
                    className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between"
                  >
                    <div className="min-w-0 flex-1">
                      <p className="text-sm font-medium">
                        {PLATFORM_NAMES[file.platform] ?? file.platform}
                      </p>
                      <p className="text-xs break-all text-slate-500 dark:text-slate-400">
                        {file.filename} · {fileSize(file.size)}
                      </p>
                      <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                        SHA-256{' '}
                        <code
                          data-testid={`sha256-${file.platform}`}
                          className="font-mono break-all text-slate-700 dark:text-slate-300"
                        >
                          {file.sha256}
                        </code>
                      </p>
                    </div>
                    {release.canDownload ? (
                      <DownloadButton
                        releaseId={release.id}
                        platform={file.platform}
                        filename={file.filename}
                        action={downloadAction}
                      />
                    ) : null}
                  </li>
                ))}
              </ul>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}

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
              actions={
                release.canDownload ? (
                  <Badge tone="green">Included in your license</Badge>
                ) : (
                  <Badge tone="slate">Locked</Badge>
                )
              }
            >
              <p className="mb-3 text-sm text-slate-500 dark:text-slate-400">
                Released <DateText date={release.releasedAt} /> · version {release.majorVersion}.x
              </p>
              {release.reason ? (
                <p className="mb-3 rounded-lg bg-slate-100 px-3 py-2 text-sm text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                  <span aria-hidden="true">🔒 </span>
                  {release.reason}{' '}
                  {release.majorVersion === forSale.majorVersion ? (
                    <Link
                      href="/purchases"
                      className="font-medium text-brand-600 hover:underline dark:text-brand-100"
                    >
                      Buy {forSale.name}
                    </Link>
                  ) : null}
                </p>
              ) : null}
              <ul className="divide-y divide-slate-200 dark:divide-slate-800">
                {release.files.map((file) => (
                  <li
                    key={file.platform}
                    className="flex flex-wrap items-center justify-between gap-3 py-3"
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

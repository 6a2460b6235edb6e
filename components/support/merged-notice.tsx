import Link from 'next/link';
import { Alert } from '@/components/ui/alert';

const linkClass = 'font-medium text-brand-600 hover:underline dark:text-brand-100';

/** Above a merged ticket's thread: where the conversation went, linked on `basePath`. */
export function MergedNotice({ into, basePath }: { into: number | null; basePath: string }) {
  if (into === null) return null;
  const target = `ticket_${into}`;
  return (
    <div className="mb-4">
      <Alert tone="info">
        This ticket was merged into{' '}
        <Link href={`${basePath}/${target}`} className={linkClass}>
          {target}
        </Link>
        ; the conversation continues there.
      </Alert>
    </div>
  );
}

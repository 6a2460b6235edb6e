import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { textLinkClass } from '@/components/ui/button-class';

/** Above a merged ticket's thread: where the conversation went, linked on `basePath`. */
export function MergedNotice({ into, basePath }: { into: number | null; basePath: string }) {
  if (into === null) return null;
  const target = `ticket_${into}`;
  return (
    <div className="mb-4">
      <Alert tone="info">
        This ticket was merged into{' '}
        <Link href={`${basePath}/${target}`} className={textLinkClass}>
          {target}
        </Link>
        ; the conversation continues there.
      </Alert>
    </div>
  );
}

import { NotFoundMessage } from '@/components/layout/not-found-message';

/** Inside the portal the navigation stays. */
export default function PortalNotFound() {
  return (
    <div className="py-16 text-center">
      <NotFoundMessage />
    </div>
  );
}

'use client';

import { useEffect, useRef, useState } from 'react';
import 'swagger-ui-dist/swagger-ui.css';

type Status = 'loading' | 'ready' | 'failed';

/**
 * Swagger UI, bundled with the app (no CDN), reading the live OpenAPI document.
 *
 * This loads swagger-ui-dist's prebuilt bundle, not swagger-ui-react: Turbopack drops the apidom
 * `refractor/registration` modules that swagger-ui-react's ES build reaches through re-exports
 * (they are declared in `sideEffects`, but Turbopack links the re-exported classes past them), so
 * the classes lack `refract` and OpenAPI 3.1 documents are only half processed. The prebuilt
 * bundle, already linked by its own build, keeps them.
 */
export function ApiReference({ url }: { url: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<Status>('loading');

  useEffect(() => {
    if (!host.current) return;
    // The bundle renders with its own copy of React into a node this component never renders.
    const node = document.createElement('div');
    host.current.append(node);
    let cancelled = false;
    import('swagger-ui-dist/swagger-ui-bundle.js')
      .then(({ default: SwaggerUIBundle }) => {
        if (cancelled) return;
        SwaggerUIBundle({
          domNode: node,
          url,
          docExpansion: 'list',
          defaultModelsExpandDepth: 0,
          tryItOutEnabled: false,
        });
        setStatus('ready');
      })
      .catch(() => {
        if (!cancelled) setStatus('failed');
      });
    return () => {
      cancelled = true;
      node.remove();
    };
  }, [url]);

  return (
    <>
      {status === 'loading' && (
        <p role="status" className="mt-6 text-sm text-slate-600">
          Loading the API reference…
        </p>
      )}
      {status === 'failed' && (
        <p role="alert" className="mt-6 text-sm text-red-700">
          The API reference could not be loaded. The raw document linked above is still available.
        </p>
      )}
      <div ref={host} />
    </>
  );
}

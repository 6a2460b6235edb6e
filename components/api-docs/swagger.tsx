'use client';

import SwaggerUI from 'swagger-ui-react';
import 'swagger-ui-react/swagger-ui.css';

/** Swagger UI, bundled with the app (no CDN), reading the live OpenAPI document. */
export function ApiReference({ url }: { url: string }) {
  return (
    <SwaggerUI url={url} docExpansion="list" defaultModelsExpandDepth={0} tryItOutEnabled={false} />
  );
}

/** swagger-ui-dist ships no types; these are the options the API reference passes. */
declare module 'swagger-ui-dist/swagger-ui-bundle.js' {
  interface SwaggerUIBundleOptions {
    domNode: HTMLElement;
    url: string;
    docExpansion?: 'list' | 'full' | 'none';
    defaultModelsExpandDepth?: number;
    tryItOutEnabled?: boolean;
  }
  export default function SwaggerUIBundle(options: SwaggerUIBundleOptions): unknown;
}

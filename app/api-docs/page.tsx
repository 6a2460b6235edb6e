import type { Metadata } from 'next';
import { ApiReference } from '@/components/api-docs/swagger';

export const metadata: Metadata = { title: 'API reference' };

export default function ApiDocsPage() {
  return (
    <main className="min-h-screen bg-white text-slate-900">
      <div className="mx-auto max-w-6xl px-4 py-6">
        <h1 className="text-2xl font-bold">Sense Security API reference</h1>
        <p className="mt-1 text-sm text-slate-600">
          Generated from the same schemas the API validates with. Raw document:{' '}
          <a className="text-brand-600 underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>
        </p>
        <ApiReference url="/api/v1/openapi.json" />
      </div>
    </main>
  );
}

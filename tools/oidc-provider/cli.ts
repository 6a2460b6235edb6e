/**
 * npx tsx tools/oidc-provider/cli.ts — runs the test OpenID provider in the foreground for the
 * demo and manual tests. Plain HTTP on loopback: development only.
 *
 * OIDC_PROVIDER_PORT (default 4455), OIDC_CLIENT_ID (default sense-portal), OIDC_CLIENT_SECRET
 * (default sense-portal-secret) and OIDC_REDIRECT_URIS (comma-separated, default
 * http://localhost:3000/api/auth/callback/oidc) configure it. Ctrl-C stops it.
 */
import { stopOnSignals } from '../process/http';
import { startOidcProvider } from './provider';

async function main(): Promise<void> {
  const portText = process.env.OIDC_PROVIDER_PORT || '4455';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`OIDC_PROVIDER_PORT is not a port: ${portText}`);
  }
  const clientId = process.env.OIDC_CLIENT_ID || 'sense-portal';
  const clientSecret = process.env.OIDC_CLIENT_SECRET || 'sense-portal-secret';
  const redirectUris = (
    process.env.OIDC_REDIRECT_URIS || 'http://localhost:3000/api/auth/callback/oidc'
  )
    .split(',')
    .map((uri) => uri.trim())
    .filter(Boolean);

  const provider = await startOidcProvider({
    port,
    clients: [{ clientId, clientSecret, redirectUris }],
  });
  console.log(`Test OpenID provider: ${provider.issuer}`);
  console.log(`Client: ${clientId}, redirect URIs: ${redirectUris.join(', ')}`);

  stopOnSignals('the test OpenID provider', () => provider.stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import next from 'next';
import { EnvError, parseEnv } from '../lib/env';
import {
  CLIENT_IP_HEADER,
  CLIENT_IP_KEY_ENV,
  markClientIp,
  resolveClientIp,
} from '../lib/http/client-ip';
import { DECLARED_LENGTH_HEADER } from '../lib/http/declared-length';

/**
 * The portal's HTTP server: Next.js behind a thin Node server whose one job is
 * to tell the app who the client is. It overwrites `x-portal-client-ip` on
 * every request from the socket (or the trusted proxy chain), so nothing a
 * client sends can choose the address a rate limit counts against, and signs
 * it with a key drawn at every start, so the app can tell this server's value
 * from one a caller sent to a portal served some other way. It also restores
 * the Content-Length of streamed files, which Next drops from route-handler
 * responses (see lib/http/declared-length.ts).
 */
async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  // `npm start` serves the production build, so it is production whatever the shell exported:
  // NODE_ENV=development must not switch on the dev defaults for a real deployment. (Next's
  // types mark NODE_ENV read-only.)
  if (!dev) Object.assign(process.env, { NODE_ENV: 'production' });
  let env;
  try {
    env = parseEnv(process.env);
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(`\nThe portal cannot start.\n${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  // NextAuth derives its absolute URLs from NEXTAUTH_URL.
  process.env.NEXTAUTH_URL ??= env.appUrl;
  const host = env.HOST;
  // Before Next loads: the app reads the key from the environment of this same process.
  const clientIpKey = randomBytes(32).toString('base64url');
  process.env[CLIENT_IP_KEY_ENV] = clientIpKey;
  const app = next({ dev, dir: process.cwd(), hostname: host, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => {
    const ip = resolveClientIp({
      socketAddress: req.socket.remoteAddress,
      forwardedFor: req.headers['x-forwarded-for'],
      trustedHops: env.TRUST_PROXY_HOPS,
    });
    req.headers[CLIENT_IP_HEADER] = markClientIp(ip, clientIpKey);
    restoreDeclaredLength(res);
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(env.PORT, host, () => {
    console.log(`Portal ready on ${env.appUrl} (${dev ? 'development' : 'production'})`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** Turns the file route's declared length back into Content-Length as the headers go out. */
function restoreDeclaredLength(res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    const declared = res.getHeader(DECLARED_LENGTH_HEADER);
    if (declared !== undefined) {
      res.removeHeader(DECLARED_LENGTH_HEADER);
      if (/^\d{1,15}$/.test(String(declared)) && !res.getHeader('content-encoding')) {
        res.removeHeader('transfer-encoding');
        res.setHeader('content-length', String(declared));
      }
    }
    return writeHead(...args);
  }) as ServerResponse['writeHead'];
}

void main();

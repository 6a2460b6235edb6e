/**
 * Checkout's return URLs (lib/payments/checkout.ts): only absolute http(s) URLs without
 * credentials on the portal's origin or a configured one, so a crafted request cannot make Stripe
 * send a paying customer elsewhere; and the session id placeholder Stripe fills in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '@/lib/env';
import {
  allowedReturnOrigins,
  checkReturnUrl,
  SESSION_ID_PLACEHOLDER,
  withSessionId,
} from '@/lib/payments/checkout';
import { errorView, type ErrorView } from '../support/errors';
import { publicDeploymentSecrets } from '../support/public-deployment';

const PORTAL = 'https://portal.sense-security.test';
const SIBLING = 'https://app.sense-security.test';
// A portal served beyond loopback must have its own secrets, or getEnv() refuses to start.
const SETTINGS = Object.keys(publicDeploymentSecrets());
const saved: Record<string, string | undefined> = {
  APP_URL: process.env.APP_URL,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL,
  CHECKOUT_ALLOWED_ORIGINS: process.env.CHECKOUT_ALLOWED_ORIGINS,
  ...Object.fromEntries(SETTINGS.map((name) => [name, process.env[name]])),
};

beforeAll(() => {
  Object.assign(process.env, publicDeploymentSecrets());
  process.env.APP_URL = PORTAL;
  delete process.env.NEXTAUTH_URL;
  process.env.CHECKOUT_ALLOWED_ORIGINS = `${SIBLING}/ignored/path, http://localhost:4000`;
  if (getEnv().appUrl !== PORTAL) {
    throw new Error('getEnv() was read before this file set APP_URL; it is cached on first use');
  }
});

afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

function refusal(value: string, field: 'successUrl' | 'cancelUrl' = 'successUrl'): ErrorView {
  try {
    checkReturnUrl(value, field);
  } catch (error) {
    return errorView(error);
  }
  throw new Error(`${value} was accepted`);
}

/** The success URL is refused with 400 URL_NOT_ALLOWED and `message`; returns the refusal. */
function expectRefused(value: string, message: string): ErrorView {
  const error = refusal(value);
  expect(error).toMatchObject({ status: 400, code: 'URL_NOT_ALLOWED', message });
  return error;
}

describe('checkReturnUrl', () => {
  it('allows the portal and the configured origins (by origin, not path)', () => {
    expect(allowedReturnOrigins()).toEqual([PORTAL, SIBLING, 'http://localhost:4000']);
    for (const url of [
      `${PORTAL}/purchases/success`,
      `${PORTAL}/purchases/success?session_id=${SESSION_ID_PLACEHOLDER}`,
      `${PORTAL}:443/purchases`,
      `${SIBLING}/checkout/done#top`,
      'http://localhost:4000/x',
      'HTTPS://PORTAL.SENSE-SECURITY.TEST/purchases',
    ]) {
      // Handed on as parsed (normalised), with the placeholder left for Stripe to fill in.
      expect(checkReturnUrl(url, 'successUrl')).toBe(new URL(url).href);
    }
    expect(
      checkReturnUrl(`${PORTAL}:443/p?session_id=${SESSION_ID_PLACEHOLDER}`, 'successUrl'),
    ).toBe(`${PORTAL}/p?session_id=${SESSION_ID_PLACEHOLDER}`);
  });

  it('hands on the URL it checked, so another parser cannot read another host into it', () => {
    // WHATWG reads the host before the backslash; a lenient parser might read evil.example.
    const tricky = `${PORTAL}\\@evil.example/x`;
    const checked = checkReturnUrl(tricky, 'successUrl');
    expect(checked).toBe(`${PORTAL}/@evil.example/x`);
    expect(new URL(checked).origin).toBe(PORTAL);
  });

  it.each([
    ['a foreign origin', 'https://evil.example/purchases/success'],
    ['a look-alike suffix', 'https://portal.sense-security.test.evil.example/x'],
    ['a look-alike prefix', 'https://evilportal.sense-security.test/x'],
    ['a subdomain of the portal', 'https://x.portal.sense-security.test/x'],
    ['plain http for an https origin', 'http://portal.sense-security.test/x'],
    ['another port', 'https://portal.sense-security.test:8443/x'],
    ['https for an http origin', 'https://localhost:4000/x'],
    ['credentials', 'https://user:pass@portal.sense-security.test/x'],
    ['a user name alone', 'https://user@portal.sense-security.test/x'],
    ['credentials that hide the real host', 'https://portal.sense-security.test@evil.example/x'],
    ['javascript:', 'javascript:alert(document.domain)'],
    ['javascript: with odd case and spaces', ' JavaScript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['file:', 'file:///etc/passwd'],
    ['an IP address', 'https://127.0.0.1/x'],
  ])('refuses %s', (_, url) => {
    expectRefused(url, 'successUrl must be on an allowed origin');
  });

  it.each([
    ['a relative path', '/purchases/success'],
    ['a protocol-relative URL', '//evil.example/x'],
    ['an empty string', ''],
    ['a bare host', 'portal.sense-security.test/x'],
  ])('refuses %s as not absolute', (_, url) => {
    const error = expectRefused(url, 'successUrl must be an absolute URL');
    expect(error.issues).toEqual([{ field: 'successUrl', message: 'must be an absolute URL' }]);
  });

  it.each([
    ['a foreign origin', 'https://evil.example/x', 'its origin is not allowed'],
    [
      'credentials on the portal',
      `https://user:pass@${new URL(PORTAL).host}/x`,
      'must not carry a user name or password',
    ],
    ['javascript:', 'javascript:alert(1)', 'must be an http or https URL'],
  ])('names the field and the rule for %s, never the allowed origins', (_, url, reason) => {
    const refused = refusal(url, 'cancelUrl');
    expect(refused.issues).toEqual([{ field: 'cancelUrl', message: reason }]);
    const said = [refused.message, ...refused.issues.map((i) => i.message)]
      .join('\n')
      .toLowerCase();
    for (const origin of allowedReturnOrigins()) {
      expect(said).not.toContain(origin.toLowerCase());
      expect(said).not.toContain(new URL(origin).host.toLowerCase());
    }
  });
});

describe('withSessionId', () => {
  it.each([
    [`${PORTAL}/purchases/success`, `${PORTAL}/purchases/success?session_id={CHECKOUT_SESSION_ID}`],
    [`${PORTAL}/s?from=buy`, `${PORTAL}/s?from=buy&session_id={CHECKOUT_SESSION_ID}`],
    [`${PORTAL}/s#receipt`, `${PORTAL}/s?session_id={CHECKOUT_SESSION_ID}#receipt`],
    [`${PORTAL}/s?a=1#x?y`, `${PORTAL}/s?a=1&session_id={CHECKOUT_SESSION_ID}#x?y`],
    [
      `${PORTAL}/s?session_id={CHECKOUT_SESSION_ID}`,
      `${PORTAL}/s?session_id={CHECKOUT_SESSION_ID}`,
    ],
    [`${PORTAL}/s?id={CHECKOUT_SESSION_ID}&x=1`, `${PORTAL}/s?id={CHECKOUT_SESSION_ID}&x=1`],
  ])('%s → %s', (input, output) => {
    expect(withSessionId(input)).toBe(output);
    expect(withSessionId(output)).toBe(output);
    // What Stripe does on success: the placeholder becomes the session id, once.
    const filled = output.replace(SESSION_ID_PLACEHOLDER, 'cs_test_123');
    expect(filled.split('cs_test_123')).toHaveLength(2);
    expect(filled).not.toContain('{');
  });

  it('passes the default success URL check and keeps the placeholder intact', () => {
    const url = withSessionId(checkReturnUrl(`${PORTAL}/purchases/success`, 'successUrl'));
    expect(url).toContain(SESSION_ID_PLACEHOLDER);
    expect(checkReturnUrl(url, 'successUrl')).toBe(url);
  });
});

/**
 * Next's start-up hook. The Node-only work lives in lib/startup.ts and is imported only inside
 * the Node branch, so the Edge bundle of this file never sees Node APIs.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startUp } = await import('./lib/startup');
    await startUp();
  }
}

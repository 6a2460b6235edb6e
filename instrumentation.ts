/**
 * Runs once when the server starts: configuration is checked before the first
 * request (a production server with a missing secret stops here with a clear
 * message), and the timing-equaliser hash is computed up front so the first
 * failed sign-in for an unknown e-mail costs what every other one does.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getEnv, EnvError } = await import('./lib/env');
  try {
    getEnv();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(`\nThe portal cannot start.\n${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const { timingDummyHash } = await import('./lib/auth/password');
  await timingDummyHash();
}

import { timingDummyHash } from './auth/password';
import { EnvError, getEnv } from './env';

/**
 * Runs once when the Node server starts (from instrumentation.ts): configuration is checked before
 * the first request (a production server with a missing secret stops here with a clear message),
 * and the timing-equaliser hash is computed up front so the first failed sign-in for an unknown
 * e-mail costs what every other one does. Then this instance's job workers start (mail, the
 * auto-close of resolved tickets), unless JOBS_WORKER=0.
 */
export async function startUp(): Promise<void> {
  try {
    getEnv();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(`\nThe portal cannot start.\n${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  await timingDummyHash();
  if (getEnv().jobsWorker) {
    // Imported here: the queue and the mail transport load only where jobs run.
    const { startWorkers } = await import('./jobs/workers');
    await startWorkers();
  }
}

import type { DevServer } from '../../scripts/lib/temporal-dev-server';

/** Stops the dev server that global-setup started (none when TEMPORAL_ADDRESS was given). */
export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __temporalServer?: DevServer }).__temporalServer;
  if (server) {
    await server.stop();
    delete process.env.TEMPORAL_ADDRESS;
  }
}

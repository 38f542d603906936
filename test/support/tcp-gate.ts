import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP forwarder in front of a real service (the machine's Redis), so a test can take the service away from one
 * client without touching anyone else's: `cut()` drops every connection and stops listening (connection refused),
 * `freeze()` keeps the connections but stops passing bytes (a service that hangs), `open()` restores it.
 */
export interface TcpGate {
  port: number;
  url: string;
  cut(): Promise<void>;
  freeze(): void;
  open(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpGate(target: { host: string; port: number }, scheme = 'redis'): Promise<TcpGate> {
  const pairs = new Set<[Socket, Socket]>();
  let frozen = false;
  let port = 0;
  let server: Server | undefined;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(target.port, target.host);
        const pair: [Socket, Socket] = [client, upstream];
        pairs.add(pair);
        client.on('data', (d) => !frozen && upstream.write(d));
        upstream.on('data', (d) => !frozen && client.write(d));
        const end = () => {
          pairs.delete(pair);
          client.destroy();
          upstream.destroy();
        };
        client.on('close', end).on('error', end);
        upstream.on('close', end).on('error', end);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });

  const cut = async () => {
    for (const [a, b] of pairs) {
      a.destroy();
      b.destroy();
    }
    pairs.clear();
    const s = server;
    server = undefined;
    if (s) await new Promise((r) => s.close(r));
  };

  await listen();
  return {
    port,
    url: `${scheme}://127.0.0.1:${port}`,
    cut,
    freeze: () => {
      frozen = true;
    },
    async open() {
      frozen = false;
      if (!server) await listen();
    },
    close: cut,
  };
}

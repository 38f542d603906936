import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** One process the supervisor runs. */
export interface ServiceSpec {
  /** Its name in logs and in `kill`/`restart`, e.g. `api-1`. */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Resolves once the process can serve (it polls, listens, answers). Default: as soon as it runs. */
  ready?: (service: Service) => Promise<void>;
  /** Seconds a started process may take to be ready. Default 120. */
  readySeconds?: number;
}

/** A supervised process: restarted whenever it exits unless the supervisor is stopping it. */
export interface Service {
  spec: ServiceSpec;
  child: ChildProcess;
  /** Times it was started: 1, then one more for each replacement. */
  starts: number;
  /** starting until ready; stopping once the supervisor is stopping it. */
  state: 'starting' | 'ready' | 'stopping';
  /** Every line it has printed since its last start (stdout and stderr), for readiness checks. */
  lines: string[];
  /** Resolves with the next line that contains the text. */
  waitForLine(text: string): Promise<void>;
  /** True while it is starting and has not exited: readiness checks poll only that long. */
  starting(): boolean;
}

const MAX_BACKOFF_MS = 5000;

/**
 * Runs the cluster's processes the way systemd or an orchestrator would on a real deployment: each is restarted
 * when it exits (with a short back-off), its output is passed to `onLine` with its name, and `stopAll` stops them in the
 * reverse order of their start (the proxy first, the Temporal server last).
 */
export class Supervisor {
  private readonly services = new Map<string, Service>();
  private readonly order: string[] = [];
  private stopping = new Set<string>();

  /** `onLine` gets every line a service prints, and the supervisor's own notes (with `note` true). */
  constructor(
    private readonly onLine: (service: Service, line: string, note?: boolean) => void = (service, line) =>
      console.log(`[${service.spec.name}] ${line}`),
  ) {}

  /** Starts the process and waits until it is ready. */
  async start(spec: ServiceSpec): Promise<Service> {
    if (this.services.has(spec.name)) throw new Error(`${spec.name} runs already`);
    this.order.push(spec.name);
    const service = this.launch(spec, 1);
    try {
      await this.whenReady(service);
    } catch (error) {
      // A process that cannot start is not replaced again and again: it is stopped, and the caller decides.
      await this.stop(spec.name);
      throw error;
    }
    return service;
  }

  /** The running service of that name. */
  get(name: string): Service {
    const service = this.services.get(name);
    if (!service) throw new Error(`no service ${name}`);
    return service;
  }

  names(): string[] {
    return [...this.order];
  }

  /** Sends the signal (chaos: SIGKILL); the supervisor then starts a replacement, as it would after a crash. */
  kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): void {
    this.get(name).child.kill(signal);
  }

  /** Resolves once the service has been replaced after its start number `after` and the replacement is ready. */
  async replaced(name: string, after: number): Promise<Service> {
    for (;;) {
      const service = this.get(name);
      if (service.starts > after) {
        await this.whenReady(service);
        return service;
      }
      await sleep(100);
    }
  }

  /** Stops one service for good (no replacement), waiting for it to exit; SIGKILL after `graceSeconds`. */
  async stop(name: string, graceSeconds = 15): Promise<void> {
    const service = this.services.get(name);
    if (!service) return;
    this.stopping.add(name);
    service.state = 'stopping';
    await stopChild(service.child, graceSeconds);
    this.services.delete(name);
    this.order.splice(this.order.indexOf(name), 1);
  }

  /** Starts a stopped service again under the same spec. */
  async resume(spec: ServiceSpec): Promise<Service> {
    this.stopping.delete(spec.name);
    return this.start(spec);
  }

  async stopAll(): Promise<void> {
    for (const name of this.order) this.stopping.add(name); // no replacement starts while the others stop
    for (const name of [...this.order].reverse()) await this.stop(name);
  }

  private launch(spec: ServiceSpec, starts: number): Service {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const waiters: Array<{ text: string; resolve: () => void }> = [];
    const service: Service = {
      spec,
      child,
      starts,
      state: 'starting',
      lines: [],
      starting: () => service.state === 'starting' && child.exitCode === null && child.signalCode === null,
      waitForLine: (text) =>
        service.lines.some((l) => l.includes(text))
          ? Promise.resolve()
          : new Promise((resolve) => waiters.push({ text, resolve })),
    };
    for (const stream of [child.stdout!, child.stderr!])
      createInterface({ input: stream }).on('line', (line) => {
        if (service.lines.length < 5000) service.lines.push(line);
        for (const w of waiters.filter((x) => line.includes(x.text))) w.resolve();
        this.onLine(service, line);
      });
    child.once('exit', (code, signal) => {
      if (this.stopping.has(spec.name) || this.services.get(spec.name) !== service) return;
      this.onLine(service, `exited (${signal ?? `code ${code}`}); starting a replacement`, true);
      const backoff = Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(starts - 1, 5));
      setTimeout(() => {
        if (this.stopping.has(spec.name)) return;
        const next = this.launch(spec, starts + 1);
        this.whenReady(next).catch((error: unknown) =>
          this.onLine(next, `replacement not ready: ${(error as Error).message}`, true),
        );
      }, backoff).unref();
    });
    this.services.set(spec.name, service);
    return service;
  }

  private async whenReady(service: Service): Promise<void> {
    await this.untilReady(service);
    if (service.state === 'starting') service.state = 'ready';
  }

  private async untilReady(service: Service): Promise<void> {
    if (!service.spec.ready) return;
    const seconds = service.spec.readySeconds ?? 120;
    let timer: NodeJS.Timeout | undefined;
    const exited = new Promise<never>((_, reject) => {
      service.child.once('exit', (code, signal) =>
        reject(new Error(`${service.spec.name} exited before it was ready (${signal ?? `code ${code}`})`)),
      );
    });
    exited.catch(() => undefined); // it exits much later, after the race, when stopped or killed
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${service.spec.name} not ready after ${seconds} s`)), seconds * 1000);
    });
    try {
      await Promise.race([service.spec.ready(service), exited, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function stopChild(child: ChildProcess, graceSeconds: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceSeconds * 1000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

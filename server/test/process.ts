import { spawn, type ChildProcess } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export type ServerProcess = {
  child: ChildProcess;
  baseUrl: string;
  /** Everything the process wrote so far (stdout and stderr). */
  output: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  ready: () => Promise<void>;
};

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The real server as `npm start` runs it (`node --import tsx server/src/main.ts`, or the compiled `dist/server/main.js`
 * with `compiled`), in its own process with only the given environment (plus PATH and HOME).
 */
export function spawnServer(env: Record<string, string>, options: { compiled?: boolean; entry?: string } = {}): ServerProcess {
  const args = options.compiled || options.entry ? [options.entry ?? 'dist/server/main.js'] : ['--import', 'tsx', 'server/src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: process.env.TZ ?? 'UTC', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (text += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${env.PORT ?? '3000'}`;
  return {
    child,
    baseUrl,
    output: () => text,
    exited,
    async ready() {
      let done = false;
      void exited.then(() => (done = true));
      for (let i = 0; i < 600; i++) {
        if (done) throw new Error(`the server exited before it was ready:\n${text}`);
        const ok = await fetch(`${baseUrl}/readyz`)
          .then((r) => r.ok)
          .catch(() => false);
        if (ok) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the server was not ready within 60 s:\n${text}`);
    },
  };
}

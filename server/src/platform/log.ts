/**
 * The structured logger that background code (jobs, senders) writes to. Fastify's pino logger (`app.log`) fits this
 * shape; `jsonLineLog` is the fallback that writes one JSON object per line, the format pino writes too.
 */
export type Log = {
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
};

const LEVELS = { info: 30, warn: 40, error: 50 } as const;

export function jsonLineLog(write: (line: string) => void = (line) => void process.stdout.write(line)): Log {
  const at = (level: keyof typeof LEVELS) => (fields: Record<string, unknown>, msg: string) =>
    write(`${JSON.stringify({ level: LEVELS[level], time: Date.now(), ...fields, msg })}\n`);
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

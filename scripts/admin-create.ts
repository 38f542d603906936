import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import argon2 from 'argon2';
import type { DataSource } from 'typeorm';
import { passwordProblem } from '../api/admin/passwords';
import { userCreateInput } from '../api/admin/schema';
import { presentUser } from '../api/admin/users';
import { loadEnv } from '../config/env';
import { appendAudit } from '../db/audit';
import { openDatabase } from '../db/data-source';
import { inTransaction } from '../db/transaction';

/** A refusal the operator can act on: printed without a stack, exit code 1. */
class Refused extends Error {}

const USAGE =
  'usage: npm run admin:create -- --username <u> --name "<display name>" --position <positionId> ' +
  '[--roles staff,admin] [--email <address>]   (password: ADMIN_PASSWORD, or typed on a terminal)';

/**
 * `npm run admin:create`: makes an administrator account straight in DATABASE_URL (migrations applied first), for
 * the first administrator of a production system, where the demo users are refused and nobody can sign in to
 * /api/admin yet. The password comes from ADMIN_PASSWORD or is typed twice on a terminal (never an argument: it
 * would stay in the shell history and the process list); it is checked like one an administrator sets and hashed
 * with argon2id. The account is audited as user.created with no actor. An existing username or an unknown position
 * is refused with exit 1 and nothing written.
 */
async function main(): Promise<void> {
  const values = options();
  if (!values.username || !values.name || !values.position) throw new Refused(USAGE);
  const env = loadEnv();
  const password = process.env.ADMIN_PASSWORD ?? (await typedPassword());
  const parsed = userCreateInput.safeParse({
    username: values.username,
    displayName: values.name,
    positionId: values.position,
    roles: values.roles.split(',').map((r) => r.trim()),
    ...(values.email ? { email: values.email } : {}),
    password,
  });
  if (!parsed.success)
    throw new Refused(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
  const input = parsed.data;
  if (!input.roles.includes('admin')) throw new Refused('--roles must include admin');
  const problem = passwordProblem(password, input.username, {
    production: env.NODE_ENV === 'production',
    demoPassword: env.DEMO_PASSWORD,
  });
  if (problem) throw new Refused(`password: ${problem}`);

  const ds = await openDatabase(env.DATABASE_URL);
  try {
    const user = await createAdmin(ds, input, await argon2.hash(password, { type: argon2.argon2id }));
    console.log(`administrator ${user.username} created (id ${user.id}, position ${user.positionId})`);
  } finally {
    await ds.destroy();
  }
}

function options() {
  try {
    return parseArgs({
      options: {
        username: { type: 'string' },
        name: { type: 'string' },
        position: { type: 'string' },
        roles: { type: 'string', default: 'staff,admin' },
        email: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new Refused(`${(error as Error).message}\n${USAGE}`);
  }
}

/** Inserts the account and its user.created audit row (actor: none) in one transaction. */
async function createAdmin(
  ds: DataSource,
  input: { username: string; displayName: string; positionId: string; roles: string[]; email?: string },
  hash: string,
) {
  return inTransaction(ds, async (em) => {
    if (((await em.query('SELECT id FROM users WHERE username = ?', [input.username])) as unknown[]).length)
      throw new Refused(`user ${input.username} exists already: nothing changed`);
    if (!((await em.query('SELECT id FROM positions WHERE id = ?', [input.positionId])) as unknown[]).length)
      throw new Refused(`no position ${input.positionId}: nothing changed (load the organisation first)`);
    const id = randomUUID();
    await em.query(
      `INSERT INTO users (id, username, display_name, position_id, roles, email, password_hash, active, demo)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, 0)`,
      [id, input.username, input.displayName, input.positionId, JSON.stringify(input.roles), input.email ?? null, hash],
    );
    const [row] = (await em.query('SELECT * FROM users WHERE id = ?', [id])) as Array<Record<string, unknown>>;
    const after = presentUser(row);
    await appendAudit(em, {
      at: new Date(),
      actorUserId: null,
      action: 'user.created',
      details: { userId: id, before: null, after, source: 'admin:create' },
    });
    return after;
  });
}

/** Reads the password twice from the terminal without echoing it; refuses when stdin is not a terminal. */
async function typedPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new Refused('set ADMIN_PASSWORD, or run on a terminal to type the password');
  const first = await readHidden('password: ');
  if ((await readHidden('again: ')) !== first) throw new Refused('the two passwords differ: nothing changed');
  return first;
}

function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || ch === '\u0004') return finish(new Refused('cancelled: nothing changed'));
        value = ch === '\u007f' || ch === '\b' ? [...value].slice(0, -1).join('') : value + ch;
      }
    };
    process.stdout.write(prompt);
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

main().catch((error: unknown) => {
  if (error instanceof Refused) console.error(`admin:create: ${error.message}`);
  else console.error(error);
  process.exit(error instanceof Refused ? 1 : 2);
});

import pg from 'pg';
import { inject } from 'vitest';
import { createPool, ensureLoginRole, type Db } from '../src/platform/database.js';
import { withDatabase } from './global-setup.js';

let counter = 0;

/** The login the tests' application uses when it runs with the application's rights (a member of motcua_app). */
export const TEST_APP_LOGIN = { user: 'motcua_test_app', password: 'motcua-test-app' };

/**
 * A fresh database cloned from the migrated template; drop it with the returned function. With `asAppRole` the pool
 * connects as TEST_APP_LOGIN (row rights only, as in production); `url` is always the owner's (a superuser).
 */
export async function freshDatabase(options: { asAppRole?: boolean } = {}): Promise<{ db: Db; url: string; appUrl: string; drop: () => Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('pgTemplate');
  const name = `motcua_t_${template.split('_')[2]}_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Cloning needs the template to have no other sessions; retry briefly if another worker is cloning at the same moment.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      break;
    } catch (err) {
      if (attempt >= 20 || (err as { code?: string }).code !== '55006') throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  if (options.asAppRole) await ensureLoginRole(admin, TEST_APP_LOGIN.user, TEST_APP_LOGIN.password);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const app = new URL(url);
  app.username = TEST_APP_LOGIN.user;
  app.password = TEST_APP_LOGIN.password;
  const appUrl = app.toString();
  const db = createPool(options.asAppRole ? appUrl : url, 5);
  return {
    db,
    url,
    appUrl,
    drop: async () => {
      await db.end();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

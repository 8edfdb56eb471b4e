// Passwords are hashed and checked with node:crypto's asynchronous scrypt (the thread pool), never scryptSync, so a
// stream of wrong-password posts cannot stall the event loop. Checked by replacing scryptSync with one that throws.
import t from 'tap';
import * as crypto from 'node:crypto';
import { testDb } from '../../kit/helper.js';
import { UsersRepo } from '../../../server/features/accounts/users-repo.js';

type PasswordsModule = typeof import('../../../server/features/accounts/passwords.js');
type AccountsServiceModule = typeof import('../../../server/features/accounts/accounts-service.js');

t.test('login checks use the asynchronous scrypt only', async (t) => {
  let asyncCalls = 0;
  const cryptoMock = {
    'node:crypto': {
      ...crypto,
      scryptSync: () => {
        throw new Error('scryptSync must not be used on a request path');
      },
      scrypt: (...args: Parameters<typeof crypto.scrypt>) => {
        asyncCalls += 1;
        return crypto.scrypt(...args);
      },
    },
  };
  const mocked = await t.mockImport<PasswordsModule>('../../../server/features/accounts/passwords.js', cryptoMock);
  // The service checks a login with the password module above, whose scrypt is counted.
  const service = await t.mockImport<AccountsServiceModule>('../../../server/features/accounts/accounts-service.js', {
    '../../../server/features/accounts/passwords.js': mocked,
  });
  const hash = await mocked.hashPassword('correct horse');
  t.ok(await mocked.checkPassword('correct horse', hash));
  t.notOk(await mocked.checkPassword('wrong', hash));
  t.equal(asyncCalls, 3);

  const { db } = testDb(t);
  db.prepare("INSERT INTO users (username, display_name, password_hash, role, unit_id, created_at) VALUES ('admin', '管理员', ?, 'admin', NULL, '2026-01-01')").run(hash);
  const repos = { users: new UsersRepo(db) };
  const pending = service.verifyLogin(repos, 'admin', 'wrong');
  t.type(pending, Promise, 'verify answers later, without holding the event loop');
  t.equal(await pending, undefined);
  t.equal((await service.verifyLogin(repos, 'admin', 'correct horse'))?.username, 'admin');
  t.equal(await service.verifyLogin(repos, 'nobody', 'correct horse'), undefined, 'an unknown name costs a hash too');
  t.ok(asyncCalls >= 7, `asynchronous scrypt calls: ${asyncCalls}`);
});

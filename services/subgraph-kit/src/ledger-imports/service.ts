import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { Pool } from 'pg';
import {
  assertCanImport,
  badInput,
  chinaTime,
  conflict,
  fieldPrefix,
  forbidden,
  hasRole,
  importRegion,
  notFound,
  readDataVersion,
  saveUpload,
  uploadDirectory,
  uploadProblem,
  todayInChina,
  type Caller,
  type Department,
  type PersonKey,
  type Queryable,
  type RegionTree,
} from '@district/common';
import {
  importLedgerFile,
  LedgerImportError,
  LedgerScopeError,
  rowKeyForms,
  type ImportSummary,
  type LedgerImporter,
} from '@district/ledger';
import type { DataVersion } from '../data-version';
import { importDistrict } from './district';
import type { LedgerImportSettings } from './settings';
import { RECORD_COLUMNS, recordView, type LedgerImportView, type RecordRow, type RowImportView } from './views';

/** What may be done with an import in each state. */
export type ImportStatus =
  'UPLOADED' | 'PREVIEWING' | 'PREVIEWED' | 'REFUSED' | 'COMMITTING' | 'COMMITTED' | 'STALE' | 'EXPIRED' | 'FAILED';
const RUNNING: ImportStatus[] = ['PREVIEWING', 'COMMITTING'];
/** states whose file is kept until the import expires (a refused preview may be previewed again once the data it needs is in) */
const WAITING: ImportStatus[] = ['UPLOADED', 'PREVIEWED', 'REFUSED', 'STALE'];

const LEDGER_FILE = /^\.(csv|xlsx|xlsm)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** a job that wrote no sign of life for this long died with its process */
const HEARTBEAT_MS = 2_000;
const DEAD_AFTER_MS = 30_000;
/** a preview or commit answers with its outcome when it finishes this soon; a longer one answers with its progress, to be polled */
const ANSWER_WITHIN_MS = 1_500;

/** The data changed between the preview and its commit. */
class StalePreviewError extends Error {
  constructor(
    readonly previewed: string,
    readonly now: string,
  ) {
    super(
      `数据在预览后已变化（版本 ${previewed} → ${now}），请重新预览 / the data changed since this preview (version ${previewed} → ${now}): preview again to see what the import would do now`,
    );
  }
}

export interface CatalogEntry {
  ledger: string;
  /** position in the subgraph's import order */
  order: number;
  sheet: string | null;
  key: string[];
  /** whether a street or community office may import it (its rows name their place) */
  regionScoped: boolean;
  columns: { header: string; type: string; required: boolean; values: string[] | null }[];
}

export interface LedgerImportsOptions {
  service: Department;
  ledgers: LedgerImporter[];
  databaseUrl: string;
  settings: LedgerImportSettings;
  /** a region tree for one import (its answers are cached for that import only) */
  regionTree: () => RegionTree;
  /** the version this process's figure caches follow: told of a commit at once, before its notification arrives */
  dataVersion?: DataVersion;
  /** the deployment's key for person ids: people's ledgers write them with their rows */
  personKey?: PersonKey;
}

/**
 * The subgraph's ledger imports: files arrive through the gateway (`receive`), are previewed (the
 * whole import run in a transaction that is rolled back) and committed by id within a time limit,
 * each run in this process on a small pool of its own, a few at a time, with progress readable
 * while it runs. A commit whose preview saw another data version than the database now has is
 * refused: what the clerk saw is what gets written. Every commit is audited in the same
 * transaction as its writes.
 *
 * Uploads wait in `uploadDir` until committed or expired: a subgraph run as several replicas needs
 * that directory shared between them.
 */
export class LedgerImports {
  private readonly pool: Pool;
  private readonly jobs = new Map<string, { rowsRead: number; done: Promise<void> }>();
  private readonly waiting: (() => void)[] = [];
  private active = 0;
  private readonly sweeper: NodeJS.Timeout;
  readonly fields: { preview: string; commit: string; import: string };

  constructor(private readonly opts: LedgerImportsOptions) {
    uploadDirectory(opts.settings.uploadDir);
    this.pool = new Pool({ connectionString: opts.databaseUrl, max: opts.settings.concurrency + 2 });
    this.pool.on('error', () => undefined); // an idle client's lost connection: the next job gets a new one
    const p = fieldPrefix(opts.service);
    this.fields = { preview: `${p}PreviewLedgerImport`, commit: `${p}CommitLedgerImport`, import: `${p}LedgerImport` };
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), 60_000);
    this.sweeper.unref();
    void this.sweep().catch(() => undefined); // what expired while the subgraph was down
  }

  /** This subgraph's ledgers in import order, as the gateway lists them. */
  catalog(): CatalogEntry[] {
    return this.opts.ledgers.map(({ spec, place }, order) => ({
      ledger: spec.file,
      order,
      sheet: spec.sheet ?? null,
      key: spec.key.map((k) => spec.columns[k].header),
      regionScoped: !!place,
      columns: Object.values<LedgerImporter['spec']['columns'][string]>(spec.columns).map((c) => ({
        header: c.header,
        type: c.type,
        required: !!c.required,
        values: c.type === 'enum' ? [...(c.values ?? [])] : c.type === 'bool' ? ['是', '否'] : null,
      })),
    }));
  }

  importer(ledger: string): LedgerImporter | undefined {
    return this.opts.ledgers.find((l) => l.spec.file === ledger);
  }

  /** Whether this caller may import this ledger at all; refused before a byte is stored. */
  assertMayImport(caller: Caller, ledger: string): LedgerImporter {
    const importer = this.importer(ledger);
    if (!importer) throw notFound(`${this.opts.service} 没有台账 ${ledger} / ${this.opts.service} has no ledger ${ledger}`, 'ledger');
    assertCanImport(caller, this.opts.service);
    const region = importRegion(caller);
    if (region && !importer.place) {
      throw forbidden(
        `${ledger} 是全区性台账，街道或社区不能导入 / ${ledger} holds district-wide records: only the district or its department imports it`,
        'ledger',
      );
    }
    return importer;
  }

  /** Stores an uploaded file (streamed, size-limited, hashed) and records it; nothing is read into the data yet. */
  async receive(caller: Caller, ledger: string, fileName: string, body: Readable): Promise<LedgerImportView> {
    this.assertMayImport(caller, ledger);
    const name = cleanFileName(fileName);
    const ext = extname(name).toLowerCase();
    if (!LEDGER_FILE.test(ext)) {
      throw badInput(
        `只接受 CSV 或 XLSX 文件（.xls 请另存为 .xlsx）/ only CSV or XLSX files are accepted (save an .xls as .xlsx): ${name}`,
        'name',
      );
    }
    const id = randomUUID();
    const saved = await saveUpload(body, this.pathOf(id, name), this.opts.settings.maxUploadBytes);
    const problem = await uploadProblem(this.pathOf(id, name), ext, saved.bytes);
    if (problem) {
      await rm(this.pathOf(id, name), { force: true });
      throw badInput(`${problem}: ${name}`, 'file');
    }
    const res = await this.pool.query(
      `INSERT INTO ledger_import (id, ledger, file_name, bytes, sha256, status, subject, roles, region, created_at, updated_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'UPLOADED', $6, $7, $8, now(), now(), now() + make_interval(secs => $9))
       RETURNING ${RECORD_COLUMNS}`,
      [id, ledger, name, saved.bytes, saved.sha256, caller.subject, caller.roles.join(','), importRegion(caller) ?? null, this.ttl],
    );
    return recordView(res.rows[0]);
  }

  /** Starts a preview of an uploaded file: every row validated and written in a transaction that is rolled back. */
  async preview(caller: Caller, id: string, args: { district?: string | null; overwrite?: boolean | null }): Promise<LedgerImportView> {
    const rec = await this.own(caller, id);
    if (RUNNING.includes(rec.status as ImportStatus))
      throw conflict(`导入正在进行 / this import is already ${rec.status.toLowerCase()}`, 'id');
    if (rec.status === 'COMMITTED') throw conflict('此次导入已提交 / this import is committed already', 'id');
    if (!WAITING.includes(rec.status as ImportStatus) || rec.expires_at.getTime() < Date.now() || !this.hasFile(rec)) {
      await this.expire(rec);
      throw conflict('上传的文件已过期，请重新上传 / the upload expired: upload the file again', 'id');
    }
    const importer = this.assertMayImport(caller, rec.ledger);
    const region = importRegion(caller) ?? null;
    const district = await importDistrict(caller, args.district, importer, this.pathOf(rec.id, rec.file_name), this.opts.regionTree());
    const version = await readDataVersion(this.pool);
    const claimed = await this.pool.query(
      `UPDATE ledger_import SET status = 'PREVIEWING', district = $2, region = $3, overwrite = $4, data_version = $5, rows_read = 0,
         inserted = 0, updated = 0, unchanged = 0, defect_count = 0, conflict_count = 0, defects = NULL, conflicts = NULL,
         message = NULL, previewed_at = NULL, updated_at = now()
       WHERE id = $1 AND status = $6 RETURNING ${RECORD_COLUMNS}`,
      [rec.id, district, region, !!args.overwrite, version, rec.status],
    );
    if (!claimed.rowCount) throw conflict('此次导入刚被他人处理 / this import changed meanwhile: read it again', 'id');
    const started = claimed.rows[0] as RecordRow;
    return this.answer(started, (onProgress) => this.runPreview(importer, started, onProgress));
  }

  /** Commits a clean preview: the same file imported for real, refused when the data moved since the preview. */
  async commit(caller: Caller, id: string): Promise<LedgerImportView> {
    const rec = await this.own(caller, id, 'previewId');
    const refusal: Partial<Record<string, string>> = {
      UPLOADED: '尚未预览 / not previewed yet: preview it first',
      PREVIEWING: '预览尚未完成 / the preview is still running',
      REFUSED: '预览发现缺陷，不能提交；请修正文件后重新上传 / the preview found defects: correct the file and upload it again',
      COMMITTING: '正在提交 / the commit is running',
      COMMITTED: '已提交 / committed already',
      STALE: '数据在预览后已变化，请重新预览 / the data changed since this preview: preview again',
      EXPIRED: '预览已过期，请重新上传 / the preview expired: upload the file again',
      FAILED: '此次导入失败，请重新上传 / this import failed: upload the file again',
    };
    if (refusal[rec.status]) throw conflict(refusal[rec.status]!, 'previewId');
    if (rec.expires_at.getTime() < Date.now() || !this.hasFile(rec)) {
      await this.expire(rec);
      throw conflict(
        `预览已于 ${recordView(rec).expiresAt} 过期，请重新预览 / the preview expired at ${recordView(rec).expiresAt}: preview again`,
        'previewId',
      );
    }
    const importer = this.assertMayImport(caller, rec.ledger);
    if ((importRegion(caller) ?? null) !== rec.region)
      throw forbidden('预览与您的辖区不符 / this preview was made for another region', 'previewId');
    const now = await readDataVersion(this.pool);
    if (now !== rec.data_version) {
      const stale = new StalePreviewError(rec.data_version ?? '?', now);
      await this.pool.query(`UPDATE ledger_import SET status = 'STALE', message = $2, updated_at = now() WHERE id = $1`, [
        rec.id,
        stale.message,
      ]);
      throw conflict(stale.message, 'previewId');
    }
    const claimed = await this.pool.query(
      `UPDATE ledger_import SET status = 'COMMITTING', committed_by = $2, rows_read = 0, updated_at = now()
       WHERE id = $1 AND status = 'PREVIEWED' RETURNING ${RECORD_COLUMNS}`,
      [rec.id, caller.subject],
    );
    if (!claimed.rowCount) throw conflict('此次导入刚被他人处理 / this import changed meanwhile: read it again', 'previewId');
    const started = claimed.rows[0] as RecordRow;
    return this.answer(started, (onProgress) => this.runCommit(importer, started, caller, onProgress));
  }

  /** An import as its uploader (or an administrator) sees it, with the progress of a running job. */
  async get(caller: Caller, id: string): Promise<LedgerImportView | null> {
    const rec = await this.load(id);
    if (!rec || (rec.subject !== caller.subject && !hasRole(caller, 'DISTRICT_ADMIN'))) return null;
    return recordView(rec, this.jobs.get(rec.id)?.rowsRead);
  }

  /** Past imports, newest first: administrators only. */
  async list(caller: Caller, args: { first?: number | null; status?: string | null }): Promise<LedgerImportView[]> {
    assertAdmin(caller);
    const res = await this.pool.query(
      `SELECT ${RECORD_COLUMNS} FROM ledger_import WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC, id LIMIT $2`,
      [args.status ?? null, Math.min(Math.max(args.first ?? 50, 1), 500)],
    );
    return res.rows.map((r: RecordRow) => recordView(r, this.jobs.get(r.id)?.rowsRead));
  }

  /** Which committed import last wrote the row with this key, per table: administrators only. */
  async rowImports(caller: Caller, key: string): Promise<RowImportView[]> {
    assertAdmin(caller);
    const written = await this.pool.query(
      'SELECT table_name, import_id, at FROM ledger_row_import WHERE row_key = ANY($1) ORDER BY table_name',
      [rowKeyForms(key.trim())],
    );
    if (!written.rowCount) return [];
    const imports = await this.pool.query(`SELECT ${RECORD_COLUMNS} FROM ledger_import WHERE id = ANY($1::uuid[])`, [
      [...new Set(written.rows.map((r: { import_id: string }) => r.import_id))],
    ]);
    const byId = new Map(imports.rows.map((r: RecordRow) => [r.id, recordView(r)]));
    return written.rows.map((r: { table_name: string; import_id: string; at: Date }) => ({
      table: r.table_name,
      key: key.trim(),
      at: chinaTime(r.at),
      ledgerImport: byId.get(r.import_id)!,
    }));
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.allSettled([...this.jobs.values()].map((j) => j.done));
    await this.pool.end();
  }

  /** Uploads and previews past their time: marked EXPIRED, files deleted. Jobs whose process died: FAILED. */
  async sweep(): Promise<void> {
    const expired = await this.pool.query(
      `UPDATE ledger_import SET status = 'EXPIRED', updated_at = now() WHERE status = ANY($1) AND expires_at < now() RETURNING id, file_name`,
      [WAITING],
    );
    for (const r of expired.rows) await rm(this.pathOf(r.id, r.file_name), { force: true });
    const dead = await this.pool.query(
      `UPDATE ledger_import SET status = 'FAILED', message = $3, updated_at = now()
       WHERE status = ANY($1) AND updated_at < now() - make_interval(secs => $2) AND NOT (id = ANY($4::uuid[])) RETURNING id, file_name`,
      [RUNNING, DEAD_AFTER_MS / 1000, INTERRUPTED, [...this.jobs.keys()]],
    );
    for (const r of dead.rows) await rm(this.pathOf(r.id, r.file_name), { force: true });
  }

  private get ttl(): number {
    return this.opts.settings.previewSeconds;
  }

  /** The upload is still on disk (an upload directory not shared between replicas, or lost with a restart, loses it). */
  private hasFile(rec: RecordRow): boolean {
    return existsSync(this.pathOf(rec.id, rec.file_name));
  }

  private pathOf(id: string, fileName: string): string {
    return join(this.opts.settings.uploadDir, `${id}${extname(fileName).toLowerCase()}`);
  }

  private async load(id: string): Promise<RecordRow | null> {
    if (!UUID.test(id ?? '')) return null;
    const res = await this.pool.query(`SELECT ${RECORD_COLUMNS} FROM ledger_import WHERE id = $1`, [id]);
    const rec = res.rows[0] as RecordRow | undefined;
    if (!rec) return null;
    if (RUNNING.includes(rec.status as ImportStatus) && !this.jobs.has(rec.id) && Date.now() - rec.updated_at.getTime() > DEAD_AFTER_MS) {
      await this.sweep();
      return this.load(id);
    }
    return rec;
  }

  /** An import only its uploader may preview or commit (to anyone else it does not exist). */
  private async own(caller: Caller, id: string, field = 'id'): Promise<RecordRow> {
    const rec = await this.load(id);
    if (!rec || rec.subject !== caller.subject) throw notFound(`没有这次导入 / no such import: ${id}`, field);
    return rec;
  }

  private async expire(rec: RecordRow): Promise<void> {
    if (WAITING.includes(rec.status as ImportStatus)) {
      await this.pool.query(`UPDATE ledger_import SET status = 'EXPIRED', updated_at = now() WHERE id = $1 AND status = $2`, [
        rec.id,
        rec.status,
      ]);
    }
    await rm(this.pathOf(rec.id, rec.file_name), { force: true });
  }

  /** Starts a job; answers with its outcome if it is over soon, else with its progress so far. */
  private async answer(rec: RecordRow, work: (onProgress: (rows: number) => void) => Promise<void>): Promise<LedgerImportView> {
    const done = this.run(rec, work);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([done, new Promise((resolve) => (timer = setTimeout(resolve, ANSWER_WITHIN_MS)))]);
    clearTimeout(timer);
    const now = await this.load(rec.id);
    return recordView(now ?? rec, this.jobs.get(rec.id)?.rowsRead);
  }

  /** Runs a job in a free slot, with its progress in memory and a sign of life in the table every few seconds. */
  private run(rec: RecordRow, work: (onProgress: (rows: number) => void) => Promise<void>): Promise<void> {
    const job = { rowsRead: 0, done: Promise.resolve() };
    this.jobs.set(rec.id, job);
    const beat = setInterval(() => {
      void this.pool
        .query('UPDATE ledger_import SET rows_read = $2, updated_at = now() WHERE id = $1 AND status = ANY($3)', [
          rec.id,
          job.rowsRead,
          RUNNING,
        ])
        .catch(() => undefined);
    }, HEARTBEAT_MS);
    beat.unref();
    job.done = this.slot(() => work((rows) => (job.rowsRead = rows)))
      .catch(async (e) => {
        // the error's name only: a database error can quote a row's values, which may be personal
        console.error(`[ledger-import] ${this.opts.service} ${rec.ledger}: ${(e as Error).name}`);
        await this.pool
          .query(`UPDATE ledger_import SET status = 'FAILED', message = $2, updated_at = now() WHERE id = $1`, [rec.id, FAILED])
          .catch(() => undefined);
        await rm(this.pathOf(rec.id, rec.file_name), { force: true });
      })
      .finally(() => {
        clearInterval(beat);
        this.jobs.delete(rec.id);
      });
    return job.done;
  }

  private async slot<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.opts.settings.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  private importOptions(importer: LedgerImporter, rec: RecordRow, onProgress: (rows: number) => void) {
    return {
      connect: async () => {
        const client = await this.pool.connect();
        return { db: client as Queryable, release: async () => client.release() };
      },
      regionTree: this.opts.regionTree(),
      today: todayInChina(),
      district: rec.district!,
      region: rec.region ?? undefined,
      overwrite: rec.overwrite,
      personKey: this.opts.personKey,
      onProgress,
    };
  }

  private async runPreview(importer: LedgerImporter, rec: RecordRow, onProgress: (rows: number) => void): Promise<void> {
    const path = this.pathOf(rec.id, rec.file_name);
    try {
      const summary = await importLedgerFile(importer, path, { ...this.importOptions(importer, rec, onProgress), dryRun: true });
      await this.pool.query(
        `UPDATE ledger_import SET status = 'PREVIEWED', ${COUNTS}, previewed_at = now(), updated_at = now(),
           expires_at = now() + make_interval(secs => $8)
         WHERE id = $1`,
        [...countValues(rec.id, summary), this.ttl],
      );
    } catch (e) {
      if (!(e instanceof LedgerImportError) && !(e instanceof LedgerScopeError)) throw e;
      const defects = e instanceof LedgerImportError ? e.defects : [];
      await this.pool.query(
        `UPDATE ledger_import SET status = 'REFUSED', defect_count = $2, defects = $3::jsonb, rows_read = $4, message = $5,
           previewed_at = now(), updated_at = now(), expires_at = now() + make_interval(secs => $6)
         WHERE id = $1`,
        [
          rec.id,
          e instanceof LedgerImportError ? e.defectCount : 0,
          JSON.stringify(defects),
          this.jobs.get(rec.id)?.rowsRead ?? 0,
          e instanceof LedgerScopeError ? e.message : null,
          this.ttl,
        ],
      );
    }
  }

  private async runCommit(importer: LedgerImporter, rec: RecordRow, caller: Caller, onProgress: (rows: number) => void): Promise<void> {
    const path = this.pathOf(rec.id, rec.file_name);
    const expected = rec.data_version ?? '';
    const check = async (db: Queryable, lock: boolean) => {
      const res = await db.query(`SELECT version::text AS version FROM data_version${lock ? ' FOR UPDATE' : ''}`);
      if (res.rows[0].version !== expected) throw new StalePreviewError(expected, res.rows[0].version);
    };
    const audit = (db: Queryable, outcome: string, summary?: ImportSummary) =>
      db.query(
        `INSERT INTO audit_log (at, subject, roles, kind, operation, target, args, outcome) VALUES (now(), $1, $2, 'MUTATION', $3, $4, $5::jsonb, $6)`,
        [
          caller.subject,
          caller.roles.join(','),
          this.fields.commit,
          `LedgerImport:${rec.id}`,
          JSON.stringify(auditArgs(rec, summary)),
          outcome,
        ],
      );
    try {
      await importLedgerFile(importer, path, {
        ...this.importOptions(importer, rec, onProgress),
        importId: rec.id,
        // checked as the transaction begins (fail fast) and again under the version's lock before it commits (no change slips in between)
        onBegin: (db) => check(db, false),
        beforeCommit: async (db, summary) => {
          await check(db, true);
          await db.query(
            `UPDATE ledger_import SET status = 'COMMITTED', ${COUNTS}, committed_at = now(), updated_at = now() WHERE id = $1`,
            countValues(rec.id, summary),
          );
          await audit(db, 'OK', summary);
        },
      });
      this.opts.dataVersion?.saw(await readDataVersion(this.pool));
    } catch (e) {
      const [status, outcome, message] =
        e instanceof StalePreviewError
          ? ['STALE', 'CONFLICT', e.message]
          : e instanceof LedgerImportError
            ? ['REFUSED', 'BAD_USER_INPUT', '提交时发现缺陷，未写入任何数据 / the commit found defects: nothing was written']
            : ['FAILED', 'INTERNAL_SERVER_ERROR', FAILED];
      await this.pool.query(
        `UPDATE ledger_import SET status = $2, message = $3, defect_count = $4, defects = COALESCE($5::jsonb, defects), updated_at = now() WHERE id = $1`,
        [
          rec.id,
          status,
          message,
          e instanceof LedgerImportError ? e.defectCount : 0,
          e instanceof LedgerImportError ? JSON.stringify(e.defects) : null,
        ],
      );
      await audit(this.pool, outcome);
      if (status === 'FAILED') throw e;
      return;
    } finally {
      await rm(path, { force: true });
    }
  }
}

const INTERRUPTED = '导入进程中断，请重新上传 / the import was interrupted: upload the file again';
const FAILED = '导入失败（内部错误），请稍后重试 / the import failed (internal error): please retry later';

const COUNTS =
  'rows_read = $2, inserted = $3, updated = $4, unchanged = $5, conflict_count = $6, conflicts = $7::jsonb, defect_count = 0, defects = NULL, message = NULL';

const countValues = (id: string, s: ImportSummary) => [
  id,
  s.read,
  s.inserted,
  s.updated,
  s.unchanged,
  s.conflictCount,
  JSON.stringify(s.conflicts),
];

/** Who committed what: the file (name, size, SHA-256), where it went, and what it wrote; no personal value. */
function auditArgs(rec: RecordRow, s?: ImportSummary) {
  return {
    ledger: rec.ledger,
    fileName: rec.file_name,
    bytes: rec.bytes,
    sha256: rec.sha256,
    district: rec.district,
    region: rec.region,
    overwrite: rec.overwrite,
    ...(s ? { read: s.read, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, conflicts: s.conflictCount } : {}),
  };
}

function assertAdmin(caller: Caller): void {
  if (!hasRole(caller, 'DISTRICT_ADMIN')) throw forbidden('仅区级管理员可查看导入记录 / only a district administrator may list imports');
}

/** A file name as shown and audited: no path, no control characters, at most 200 characters. */
function cleanFileName(name: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.length > 200 ? clean.slice(clean.length - 200) : clean || 'ledger';
}

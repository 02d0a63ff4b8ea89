import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { HailongError } from "@hailong/common";
import Database from "better-sqlite3";
import { type EvictionCandidate, type OutboundKind, priorityOf, rowBytes, selectEvictions } from "./policy.js";

/** One stored outbound message, waiting for the broker's PUBACK. */
export interface OutboxRow {
  seq: number;
  topic: string;
  payload: Buffer;
  kind: OutboundKind;
  priority: number;
  bytes: number;
  createdAt: number;
}

export interface OutboxEntry {
  topic: string;
  payload: Uint8Array;
  kind: OutboundKind;
}

export interface AppendResult {
  seq: number;
  /** Rows dropped to stay within the quota by this append, by kind. */
  evicted: Partial<Record<OutboundKind, number>>;
}

export interface OutboxStats {
  pending: number;
  pendingBytes: number;
  /** Rows ever dropped for the quota (persisted across restarts). */
  dropped: number;
}

/** Store-and-forward queue of outbound events in a SQLite file; all outbox SQL lives here. */
export interface Outbox {
  /**
   * Appends a row, then evicts to respect the quota. Rows with seq <= `protectedUpTo` are in flight and
   * never evicted.
   */
  append(entry: OutboxEntry, protectedUpTo: number, now?: number): AppendResult;
  /** Up to `limit` rows with seq > `afterSeq`, in seq order. */
  peekAfter(afterSeq: number, limit: number): OutboxRow[];
  /** Removes an acknowledged row; false when it was already gone (evicted or removed). */
  remove(seq: number): boolean;
  stats(): OutboxStats;
  close(): void;
}

export interface OpenOutboxOptions {
  file: string;
  quotaBytes: number;
}

const SCHEMA_VERSION = 1;
const MAX_EVICTION_BATCH = 512;

export function openOutbox(options: OpenOutboxOptions): Outbox {
  mkdirSync(dirname(options.file), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(options.file);
    db.pragma("journal_mode = WAL");
    // NORMAL in WAL mode survives a process crash; only a power cut can lose the last transactions.
    db.pragma("synchronous = NORMAL");
    migrate(db);
  } catch (error) {
    throw new HailongError("HAILONG_ERR_STORAGE", `cannot open outbox ${options.file}: ${String(error)}`, {
      cause: error,
    });
  }

  const insert = db.prepare(
    "INSERT INTO outbox_message (created_at, kind, topic, payload, priority, bytes) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const selectAfter = db.prepare(
    "SELECT seq, created_at AS createdAt, kind, topic, payload, priority, bytes FROM outbox_message WHERE seq > ? ORDER BY seq LIMIT ?",
  );
  const selectCandidates = db.prepare(
    "SELECT seq, priority, bytes FROM outbox_message WHERE seq > ? ORDER BY priority, seq LIMIT ?",
  );
  const deleteOne = db.prepare("DELETE FROM outbox_message WHERE seq = ? RETURNING bytes, kind");
  const totals = db.prepare("SELECT COUNT(*) AS pending, COALESCE(SUM(bytes), 0) AS pendingBytes FROM outbox_message");
  const readCounter = db.prepare("SELECT value FROM outbox_counter WHERE name = ?");
  const addCounter = db.prepare(
    "INSERT INTO outbox_counter (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value",
  );

  const initial = totals.get() as { pending: number; pendingBytes: number };
  let pending = initial.pending;
  let pendingBytes = initial.pendingBytes;
  let dropped = ((readCounter.get("dropped") as { value: number } | undefined)?.value ?? 0) as number;

  const evict = (protectedUpTo: number): AppendResult["evicted"] => {
    const evicted: AppendResult["evicted"] = {};
    // Usually one new row pushes the total over by a row's worth: start with a small batch, grow if needed.
    let batch = 8;
    while (pendingBytes > options.quotaBytes) {
      const candidates = selectCandidates.all(protectedUpTo, batch) as EvictionCandidate[];
      if (candidates.length === 0) break;
      batch = Math.min(batch * 4, MAX_EVICTION_BATCH);
      for (const seq of selectEvictions(candidates, pendingBytes - options.quotaBytes)) {
        const gone = deleteOne.get(seq) as { bytes: number; kind: OutboundKind } | undefined;
        if (gone === undefined) continue;
        pending -= 1;
        pendingBytes -= gone.bytes;
        dropped += 1;
        evicted[gone.kind] = (evicted[gone.kind] ?? 0) + 1;
      }
    }
    const count = Object.values(evicted).reduce((sum, n) => sum + n, 0);
    if (count > 0) addCounter.run("dropped", count);
    return evicted;
  };

  const appendTx = db.transaction((entry: OutboxEntry, protectedUpTo: number, now: number): AppendResult => {
    const bytes = rowBytes(entry.topic, entry.payload);
    const info = insert.run(now, entry.kind, entry.topic, Buffer.from(entry.payload), priorityOf(entry.kind), bytes);
    pending += 1;
    pendingBytes += bytes;
    return { seq: Number(info.lastInsertRowid), evicted: evict(protectedUpTo) };
  });

  return {
    append: (entry, protectedUpTo, now = Date.now()) => appendTx(entry, protectedUpTo, now),
    peekAfter: (afterSeq, limit) => selectAfter.all(afterSeq, limit) as OutboxRow[],
    remove(seq) {
      const gone = deleteOne.get(seq) as { bytes: number } | undefined;
      if (gone === undefined) return false;
      pending -= 1;
      pendingBytes -= gone.bytes;
      return true;
    },
    stats: () => ({ pending, pendingBytes, dropped }),
    close: () => db.close(),
  };
}

function migrate(db: Database.Database): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version === SCHEMA_VERSION) return;
  if (version > SCHEMA_VERSION)
    throw new Error(`outbox schema ${version} is newer than this agent (${SCHEMA_VERSION})`);
  db.exec(`
    CREATE TABLE IF NOT EXISTS outbox_message (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      created_at INTEGER NOT NULL,
      kind TEXT NOT NULL,
      topic TEXT NOT NULL,
      payload BLOB NOT NULL,
      priority INTEGER NOT NULL,
      bytes INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS outbox_message_eviction ON outbox_message (priority, seq, bytes);
    CREATE TABLE IF NOT EXISTS outbox_counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    PRAGMA user_version = ${SCHEMA_VERSION};
  `);
}

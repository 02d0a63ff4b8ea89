import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import type { Logger } from "@hailong/common";

/** One journal file: the messages appended to it and how many of them are not yet committed. */
interface Segment {
  file: string;
  fd: number | undefined;
  bytes: number;
  unsettled: number;
}

export interface JournalMessage {
  topic: string;
  payload: Uint8Array;
}

/**
 * Write-ahead journal for messages the hub acknowledges to the broker before their batch is committed.
 * `append` buffers a message, `flush` writes the buffer with one write (called before the PUBACKs of the burst
 * leave the process), `settle` marks it committed; a file is deleted once all its messages are. A hub that dies
 * in between finds the messages with `recover` at its next start and stores them again (ingest is idempotent
 * by message id). Written without fsync: it survives the process, not the machine (as SQLite's WAL at
 * synchronous=NORMAL).
 */
export interface IngestJournal {
  append(message: JournalMessage): JournalTicket;
  flush(): void;
  settle(ticket: JournalTicket): void;
  /** false for a while after a failed write (disk full, say): the caller holds acks until commit instead */
  readonly writable: boolean;
  /** Messages left by an earlier run, oldest first (creates the folder; call at start, before appending);
   * `discard` deletes them once they are stored. */
  recover(): { messages: JournalMessage[]; discard(): void };
  /** From now on files are only deleted by `close`: a stopping hub's last commits may fail unnoticed. */
  seal(): void;
  /** Writes what is buffered and closes; deletes the files whose messages are all committed, unless `keep`
   * (the final commits failed: the next start stores everything in them again, duplicates skipped). */
  close(options?: { keep?: boolean }): void;
}

export type JournalTicket = object;

const SEGMENT_BYTES = 4 * 1024 * 1024;
/** a current file whose messages are all committed is started afresh once it is this large */
const RESET_BYTES = 256 * 1024;
const SUFFIX = ".journal";
/** after a failed write, how long acks wait for commits before the journal is tried again */
const RETRY_AFTER_MS = 5_000;

export function createIngestJournal(deps: { dir: string; log: Logger }): IngestJournal {
  const log = deps.log.child({ module: "ingest-journal" });
  const live = new Set<Segment>();
  let current: Segment | undefined;
  let pending: Buffer[] = [];
  let sequence = 0;
  let failedAt: number | undefined;
  let sealed = false;

  const open = (): Segment => {
    mkdirSync(deps.dir, { recursive: true });
    const name = `${Date.now().toString().padStart(15, "0")}-${process.pid}-${String(sequence++).padStart(6, "0")}${SUFFIX}`;
    const file = path.join(deps.dir, name);
    const segment = { file, fd: openSync(file, "a"), bytes: 0, unsettled: 0 };
    live.add(segment);
    return segment;
  };
  const retire = (segment: Segment): void => {
    if (segment.fd !== undefined) closeSync(segment.fd);
    segment.fd = undefined;
    if (segment.unsettled === 0 && !sealed) removeSegment(segment);
  };
  const removeSegment = (segment: Segment): void => {
    live.delete(segment);
    remove(segment.file);
  };
  const remove = (file: string): void => {
    try {
      unlinkSync(file);
    } catch (error) {
      log.error({ err: error, file }, "cannot delete journal file");
    }
  };

  const journal: IngestJournal = {
    get writable() {
      return failedAt === undefined || Date.now() - failedAt > RETRY_AFTER_MS;
    },
    append({ topic, payload }) {
      if (current === undefined || current.bytes >= SEGMENT_BYTES) {
        if (current !== undefined) {
          journal.flush();
          retire(current);
          current = undefined;
        }
        try {
          current = open();
        } catch (error) {
          failedAt = Date.now();
          log.error({ err: error, dir: deps.dir }, "cannot create an ingest journal file; acks now wait for commit");
          return { file: "", fd: undefined, bytes: 0, unsettled: 1 } satisfies Segment;
        }
      }
      const topicBytes = Buffer.from(topic, "utf8");
      const header = Buffer.allocUnsafe(8);
      header.writeUInt32LE(topicBytes.length, 0);
      header.writeUInt32LE(payload.byteLength, 4);
      pending.push(header, topicBytes, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
      current.bytes += 8 + topicBytes.length + payload.byteLength;
      current.unsettled++;
      return current;
    },
    flush() {
      if (pending.length === 0 || current?.fd === undefined) return;
      const data = Buffer.concat(pending);
      pending = [];
      try {
        for (let written = 0; written < data.length; ) {
          written += writeSync(current.fd, data, written, data.length - written);
        }
        failedAt = undefined;
      } catch (error) {
        failedAt = Date.now();
        log.error({ err: error, file: current.file }, "cannot write the ingest journal; acks now wait for commit");
      }
    },
    settle(ticket) {
      const segment = ticket as Segment;
      segment.unsettled--;
      if (segment.unsettled > 0 || sealed || !live.has(segment)) return;
      if (segment !== current) {
        if (segment.fd === undefined) removeSegment(segment);
        return;
      }
      if (segment.bytes >= RESET_BYTES) {
        pending = [];
        retire(segment);
        current = undefined;
      }
    },
    recover() {
      mkdirSync(deps.dir, { recursive: true });
      // Files of this run (appended before recover) are not an earlier run's.
      const own = new Set([...live].map((segment) => path.basename(segment.file)));
      const existing = readdirSync(deps.dir)
        .filter((name) => name.endsWith(SUFFIX) && !own.has(name))
        .sort();
      const messages: JournalMessage[] = [];
      for (const name of existing) messages.push(...readJournalFile(path.join(deps.dir, name), log));
      return {
        messages,
        discard: () => {
          for (const name of existing.splice(0)) remove(path.join(deps.dir, name));
        },
      };
    },
    seal() {
      sealed = true;
    },
    close(options = {}) {
      journal.flush();
      for (const segment of live) {
        if (segment.fd !== undefined) closeSync(segment.fd);
        segment.fd = undefined;
        if (!options.keep && segment.unsettled === 0) removeSegment(segment);
      }
      current = undefined;
    },
  };
  return journal;
}

/** Parses one journal file; a record cut short by a crash mid-write ends it. */
export function readJournalFile(file: string, log: Logger): JournalMessage[] {
  const data = readFileSync(file);
  const messages: JournalMessage[] = [];
  let offset = 0;
  while (offset + 8 <= data.length) {
    const topicLength = data.readUInt32LE(offset);
    const payloadLength = data.readUInt32LE(offset + 4);
    const end = offset + 8 + topicLength + payloadLength;
    if (end > data.length) break;
    const topic = data.toString("utf8", offset + 8, offset + 8 + topicLength);
    messages.push({ topic, payload: new Uint8Array(data.subarray(offset + 8 + topicLength, end)) });
    offset = end;
  }
  if (offset < data.length) log.warn({ file, bytes: data.length - offset }, "journal ends in a partial record");
  return messages;
}

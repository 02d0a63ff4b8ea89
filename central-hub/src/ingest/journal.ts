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
  return new SegmentedJournal(deps.dir, deps.log.child({ module: "ingest-journal" }));
}

/** The journal as a set of append-only segment files; `current` takes the appends. */
class SegmentedJournal implements IngestJournal {
  private readonly live = new Set<Segment>();
  private current: Segment | undefined;
  private pending: Buffer[] = [];
  private sequence = 0;
  private failedAt: number | undefined;
  private sealed = false;

  constructor(
    private readonly dir: string,
    private readonly log: Logger,
  ) {}

  get writable(): boolean {
    return this.failedAt === undefined || Date.now() - this.failedAt > RETRY_AFTER_MS;
  }

  append({ topic, payload }: JournalMessage): JournalTicket {
    if (this.current === undefined || this.current.bytes >= SEGMENT_BYTES) {
      if (this.current !== undefined) {
        this.flush();
        this.retire(this.current);
        this.current = undefined;
      }
      try {
        this.current = this.open();
      } catch (error) {
        this.failedAt = Date.now();
        this.log.error({ err: error, dir: this.dir }, "cannot create an ingest journal file; acks now wait for commit");
        return { file: "", fd: undefined, bytes: 0, unsettled: 1 } satisfies Segment;
      }
    }
    const record = frameRecord(topic, payload);
    this.pending.push(...record);
    this.current.bytes += record.reduce((sum, part) => sum + part.length, 0);
    this.current.unsettled++;
    return this.current;
  }

  flush(): void {
    const current = this.current;
    if (this.pending.length === 0 || current?.fd === undefined) return;
    const data = Buffer.concat(this.pending);
    this.pending = [];
    try {
      writeAll(current.fd, data);
      this.failedAt = undefined;
    } catch (error) {
      this.failedAt = Date.now();
      this.log.error({ err: error, file: current.file }, "cannot write the ingest journal; acks now wait for commit");
    }
  }

  settle(ticket: JournalTicket): void {
    const segment = ticket as Segment;
    segment.unsettled--;
    if (segment.unsettled > 0 || this.sealed || !this.live.has(segment)) return;
    if (segment !== this.current) {
      if (segment.fd === undefined) this.removeSegment(segment);
      return;
    }
    if (segment.bytes >= RESET_BYTES) {
      this.pending = [];
      this.retire(segment);
      this.current = undefined;
    }
  }

  recover(): ReturnType<IngestJournal["recover"]> {
    // Files of this run (appended before recover) are not an earlier run's.
    const own = new Set([...this.live].map((segment) => path.basename(segment.file)));
    return recoverEarlierRuns(this.dir, own, this.log);
  }

  seal(): void {
    this.sealed = true;
  }

  close(options: { keep?: boolean } = {}): void {
    this.flush();
    for (const segment of this.live) {
      if (segment.fd !== undefined) closeSync(segment.fd);
      segment.fd = undefined;
      if (!options.keep && segment.unsettled === 0) this.removeSegment(segment);
    }
    this.current = undefined;
  }

  private open(): Segment {
    const segment = openSegment(this.dir, this.sequence++);
    this.live.add(segment);
    return segment;
  }

  private retire(segment: Segment): void {
    if (segment.fd !== undefined) closeSync(segment.fd);
    segment.fd = undefined;
    if (segment.unsettled === 0 && !this.sealed) this.removeSegment(segment);
  }

  private removeSegment(segment: Segment): void {
    this.live.delete(segment);
    removeJournalFile(segment.file, this.log);
  }
}

function openSegment(dir: string, sequence: number): Segment {
  mkdirSync(dir, { recursive: true });
  const name = `${Date.now().toString().padStart(15, "0")}-${process.pid}-${String(sequence).padStart(6, "0")}${SUFFIX}`;
  const file = path.join(dir, name);
  return { file, fd: openSync(file, "a"), bytes: 0, unsettled: 0 };
}

/** One record: topic length and payload length (u32 LE each), topic (UTF-8), payload. */
function frameRecord(topic: string, payload: Uint8Array): Buffer[] {
  const topicBytes = Buffer.from(topic, "utf8");
  const header = Buffer.allocUnsafe(8);
  header.writeUInt32LE(topicBytes.length, 0);
  header.writeUInt32LE(payload.byteLength, 4);
  return [header, topicBytes, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)];
}

function writeAll(fd: number, data: Buffer): void {
  for (let written = 0; written < data.length; ) {
    written += writeSync(fd, data, written, data.length - written);
  }
}

function removeJournalFile(file: string, log: Logger): void {
  try {
    unlinkSync(file);
  } catch (error) {
    log.error({ err: error, file }, "cannot delete journal file");
  }
}

/** The messages in the journal files of earlier runs (oldest first), and how to delete those files. */
function recoverEarlierRuns(dir: string, own: ReadonlySet<string>, log: Logger) {
  mkdirSync(dir, { recursive: true });
  const existing = readdirSync(dir)
    .filter((name) => name.endsWith(SUFFIX) && !own.has(name))
    .sort();
  const messages: JournalMessage[] = [];
  for (const name of existing) messages.push(...readJournalFile(path.join(dir, name), log));
  return {
    messages,
    discard: () => {
      for (const name of existing.splice(0)) removeJournalFile(path.join(dir, name), log);
    },
  };
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

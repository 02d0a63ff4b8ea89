import { mkdtempSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createSilentLogger } from "@hailong/common";
import { afterEach, describe, expect, it } from "vitest";
import { createIngestJournal, readJournalFile } from "./journal.js";

const log = createSilentLogger();
const message = (i: number) => ({ topic: `hl/counter/c${i}/visit`, payload: new TextEncoder().encode(`{"n":${i}}`) });
const decodeAll = (ms: { topic: string; payload: Uint8Array }[]) =>
  ms.map((m) => `${m.topic} ${new TextDecoder().decode(m.payload)}`);

describe("ingest journal", () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hailong-journal-"));
    dirs.push(dir);
    return dir;
  };
  const files = (dir: string) => readdirSync(dir).filter((n) => n.endsWith(".journal"));
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("gives a later run the messages an earlier one flushed but never settled, and deletes them on discard", () => {
    const dir = freshDir();
    const crashed = createIngestJournal({ dir, log });
    const tickets = [0, 1, 2].map((i) => crashed.append(message(i)));
    crashed.flush();
    crashed.settle(tickets[1] as object);
    // no close(): the process died here
    const next = createIngestJournal({ dir, log });
    const left = next.recover();
    // the settled message is replayed too (a file goes only when all of its messages are stored): a duplicate
    expect(decodeAll(left.messages)).toEqual(decodeAll([0, 1, 2].map(message)));
    left.discard();
    expect(files(dir)).toEqual([]);
  });

  it("writes nothing before flush: an unflushed message is not on disk", () => {
    const dir = freshDir();
    const journal = createIngestJournal({ dir, log });
    journal.append(message(7));
    expect(files(dir).map((f) => statSync(path.join(dir, f)).size)).toEqual([0]);
    journal.flush();
    expect(readJournalFile(path.join(dir, files(dir)[0] as string), log)).toHaveLength(1);
  });

  it("deletes a file once all its messages are settled and it has grown past the reset size, or at close", () => {
    const dir = freshDir();
    const journal = createIngestJournal({ dir, log });
    const big = { topic: "hl/counter/c/visit", payload: new Uint8Array(100 * 1024) };
    const tickets = [journal.append(big), journal.append(big), journal.append(big)];
    journal.flush();
    for (const t of tickets) journal.settle(t);
    expect(files(dir)).toEqual([]);
    const small = journal.append(message(1));
    journal.flush();
    journal.settle(small);
    expect(files(dir)).toHaveLength(1); // small and settled: kept open for the next messages
    journal.close();
    expect(files(dir)).toEqual([]);
  });

  it("after seal only close deletes, and close with keep deletes nothing", () => {
    const dir = freshDir();
    const journal = createIngestJournal({ dir, log });
    const ticket = journal.append(message(1));
    journal.flush();
    journal.seal();
    journal.settle(ticket);
    journal.close({ keep: true });
    expect(decodeAll(createIngestJournal({ dir, log }).recover().messages)).toEqual(decodeAll([message(1)]));
  });

  it("stops at a record cut short by a crash mid-write", () => {
    const dir = freshDir();
    const journal = createIngestJournal({ dir, log });
    journal.append(message(1));
    journal.append(message(2));
    journal.flush();
    const file = path.join(dir, files(dir)[0] as string);
    truncateSync(file, statSync(file).size - 3);
    expect(decodeAll(readJournalFile(file, log))).toEqual(decodeAll([message(1)]));
  });

  it("a folder it cannot write leaves append working and reports the journal unwritable (acks then wait)", () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, "not-a-folder"), "");
    const journal = createIngestJournal({ dir: path.join(dir, "not-a-folder", "journal"), log });
    expect(journal.writable).toBe(true);
    const ticket = journal.append(message(1));
    journal.flush();
    journal.settle(ticket);
    expect(journal.writable).toBe(false);
    journal.close();
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSilentLogger } from "@hailong/common";
import { afterEach, describe, expect, it } from "vitest";
import { createForwarder, type ForwarderLink } from "../src/mqtt/forwarder.js";
import { type Outbox, openOutbox } from "../src/outbox/sqlite-outbox.js";

/** A link whose PUBACKs the test releases by hand; not a broker, just the forwarder's port. */
function scriptedLink() {
  const sent: Array<{ topic: string; ack: () => void; fail: (e: Error) => void }> = [];
  const link: ForwarderLink & { connected: boolean } = {
    connected: true,
    isConnected: () => link.connected,
    publish: (topic) =>
      new Promise<void>((resolve, reject) => {
        sent.push({ topic, ack: resolve, fail: reject });
      }),
  };
  return { link, sent };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("outbox forwarder", () => {
  let dir: string;
  let outbox: Outbox;
  afterEach(() => {
    outbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function setup(rows: number) {
    dir = mkdtempSync(join(tmpdir(), "hailong-fwd-"));
    outbox = openOutbox({ file: join(dir, "outbox.sqlite"), quotaBytes: 1_000_000 });
    for (let i = 0; i < rows; i++) outbox.append({ topic: `t/${i}`, payload: new Uint8Array(4), kind: "visit" }, 0);
  }

  it("keeps at most `window` rows in flight, in seq order, and deletes a row only on its PUBACK", async () => {
    setup(10);
    const { link, sent } = scriptedLink();
    const forwarder = createForwarder({ outbox, link, window: 3, logger: createSilentLogger() });
    forwarder.kick();
    expect(sent.map((s) => s.topic)).toEqual(["t/0", "t/1", "t/2"]);
    expect(outbox.stats().pending).toBe(10);
    sent[1]?.ack();
    await flush();
    expect(outbox.stats().pending).toBe(9);
    expect(sent.map((s) => s.topic)).toEqual(["t/0", "t/1", "t/2", "t/3"]);
    expect(forwarder.protectedUpTo()).toBe(4);
  });

  it("does nothing while disconnected and resumes on kick", async () => {
    setup(2);
    const { link, sent } = scriptedLink();
    link.connected = false;
    const forwarder = createForwarder({ outbox, link, window: 8, logger: createSilentLogger() });
    forwarder.kick();
    expect(sent).toHaveLength(0);
    link.connected = true;
    forwarder.kick();
    expect(sent.map((s) => s.topic)).toEqual(["t/0", "t/1"]);
  });

  it("after a failed publish, waits for the window to settle and resends from the head in order", async () => {
    setup(5);
    const { link, sent } = scriptedLink();
    const forwarder = createForwarder({ outbox, link, window: 3, logger: createSilentLogger(), retryDelayMs: 1 });
    forwarder.kick();
    sent[1]?.fail(new Error("connection closed"));
    await flush();
    sent[0]?.ack();
    await flush();
    // No new row goes out while the failed one's neighbours are unsettled.
    expect(sent.map((s) => s.topic)).toEqual(["t/0", "t/1", "t/2"]);
    sent[2]?.ack();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent.slice(3).map((s) => s.topic)).toEqual(["t/1", "t/3", "t/4"]);
    for (const s of sent.slice(3)) s.ack();
    expect(await forwarder.drain(1000)).toBe(true);
    expect(outbox.stats().pending).toBe(0);
    expect(forwarder.stats()).toMatchObject({ delivered: 5, failures: 1, inFlight: 0 });
  });
});

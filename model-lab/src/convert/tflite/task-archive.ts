import { inflateRawSync } from "node:zlib";

/**
 * Reads one file out of a zip archive (MediaPipe .task bundles are zips of .tflite files). Only what such
 * bundles use: a single-disk archive, entries stored or deflated, no zip64.
 * Layout (PKWARE APPNOTE 4.3): end-of-central-directory record → central directory → local headers.
 */
const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

function findEndOfCentralDirectory(view: DataView): number {
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 65535); at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  throw new Error("not a zip archive (no end-of-central-directory record)");
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeader: number;
}

export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (view.getUint32(at, true) !== CENTRAL_SIGNATURE) throw new Error(`zip central directory entry ${k} is damaged`);
    const nameLength = view.getUint16(at + 28, true);
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeader: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** The bytes of entry `name`; throws naming the entries present when it is missing. */
export function readZipEntry(bytes: Uint8Array, name: string): Uint8Array {
  const entries = listZipEntries(bytes);
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw new Error(`archive has no ${name} (entries: ${entries.map((e) => e.name).join(", ")})`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localHeader;
  if (view.getUint32(local, true) !== LOCAL_SIGNATURE) throw new Error(`zip local header of ${name} is damaged`);
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method === 8) return new Uint8Array(inflateRawSync(data));
  throw new Error(`${name}: zip compression method ${entry.method} is not supported`);
}

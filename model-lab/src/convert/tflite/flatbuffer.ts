/**
 * A minimal FlatBuffers reader: tables, scalars, strings and vectors, enough to walk a TFLite model.
 * Layout (flatbuffers.dev "internals"): a table starts with an int32 offset back to its vtable; the vtable holds
 * uint16 [vtable size, table size, field offsets…]; offset-typed fields hold a uint32 relative to themselves.
 */
export class FlatTable {
  private readonly vtable: number;
  private readonly vtableSize: number;

  constructor(
    readonly view: DataView,
    readonly pos: number,
  ) {
    this.vtable = pos - view.getInt32(pos, true);
    this.vtableSize = view.getUint16(this.vtable, true);
  }

  /** Absolute position of field `index`, or 0 when the field is absent (default value). */
  private field(index: number): number {
    const at = 4 + 2 * index;
    if (at >= this.vtableSize) return 0;
    const offset = this.view.getUint16(this.vtable + at, true);
    return offset === 0 ? 0 : this.pos + offset;
  }

  private indirect(at: number): number {
    return at + this.view.getUint32(at, true);
  }

  has(index: number): boolean {
    return this.field(index) !== 0;
  }

  uint8(index: number, fallback = 0): number {
    const at = this.field(index);
    return at === 0 ? fallback : this.view.getUint8(at);
  }

  int8(index: number, fallback = 0): number {
    const at = this.field(index);
    return at === 0 ? fallback : this.view.getInt8(at);
  }

  int32(index: number, fallback = 0): number {
    const at = this.field(index);
    return at === 0 ? fallback : this.view.getInt32(at, true);
  }

  uint32(index: number, fallback = 0): number {
    const at = this.field(index);
    return at === 0 ? fallback : this.view.getUint32(at, true);
  }

  uint64(index: number, fallback = 0): number {
    const at = this.field(index);
    return at === 0 ? fallback : Number(this.view.getBigUint64(at, true));
  }

  float32(index: number, fallback = 0): number {
    const at = this.field(index);
    return at === 0 ? fallback : this.view.getFloat32(at, true);
  }

  bool(index: number, fallback = false): boolean {
    const at = this.field(index);
    return at === 0 ? fallback : this.view.getUint8(at) !== 0;
  }

  table(index: number): FlatTable | undefined {
    const at = this.field(index);
    return at === 0 ? undefined : new FlatTable(this.view, this.indirect(at));
  }

  string(index: number): string | undefined {
    const bytes = this.bytes(index);
    return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
  }

  /** A [ubyte] vector (or string) as a view into the buffer. */
  bytes(index: number): Uint8Array | undefined {
    const at = this.field(index);
    if (at === 0) return undefined;
    const start = this.indirect(at);
    const length = this.view.getUint32(start, true);
    return new Uint8Array(this.view.buffer, this.view.byteOffset + start + 4, length);
  }

  int32s(index: number): number[] {
    return this.scalars(index, 4, (at) => this.view.getInt32(at, true));
  }

  float32s(index: number): number[] {
    return this.scalars(index, 4, (at) => this.view.getFloat32(at, true));
  }

  int64s(index: number): number[] {
    return this.scalars(index, 8, (at) => Number(this.view.getBigInt64(at, true)));
  }

  tables(index: number): FlatTable[] {
    return this.scalars(index, 4, (at) => new FlatTable(this.view, this.indirect(at)));
  }

  private scalars<T>(index: number, size: number, read: (at: number) => T): T[] {
    const at = this.field(index);
    if (at === 0) return [];
    const start = this.indirect(at);
    const length = this.view.getUint32(start, true);
    const out: T[] = [];
    for (let k = 0; k < length; k++) out.push(read(start + 4 + k * size));
    return out;
  }
}

/** The root table of a flatbuffer, after checking its 4-byte file identifier when one is given. */
export function flatRoot(bytes: Uint8Array, identifier?: string): FlatTable {
  if (bytes.byteLength < 8) throw new Error(`flatbuffer of ${bytes.byteLength} bytes is too short`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (identifier !== undefined) {
    const found = new TextDecoder().decode(bytes.subarray(4, 8));
    if (found !== identifier) throw new Error(`flatbuffer identifier is "${found}", expected "${identifier}"`);
  }
  return new FlatTable(view, view.getUint32(0, true));
}

import { createHash } from 'node:crypto';

/**
 * Compact tables for the per-row state of a long run (rows seen, file stems taken, the ledger's
 * rows): a key is kept as 16 bytes in a typed array rather than as a JavaScript string in a Map,
 * so 100,000 rows cost about 3 MB, not 20, and nothing for the garbage collector to walk.
 */

const UUID =
  /^urn:uuid:([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})([0-9a-f]{8})$/u;

/**
 * The 128 bits a credential id stands for: a `urn:uuid` (lower case, as badgesmith makes them)
 * is its own 16 bytes, exactly; any other text, the first 16 bytes of its SHA-256.
 */
export function idDigest(id: string): [number, number, number, number] {
  const m = UUID.exec(id);
  if (m !== null) {
    return [
      Number.parseInt(m[1]!, 16),
      Number.parseInt(m[2]! + m[3]!, 16),
      Number.parseInt(m[4]! + m[5]!, 16),
      Number.parseInt(m[6]!, 16),
    ];
  }
  const hash = createHash('sha256').update(id, 'utf8').digest();
  return [hash.readUInt32BE(0), hash.readUInt32BE(4), hash.readUInt32BE(8), hash.readUInt32BE(12)];
}

/**
 * A 128-bit digest of any text, for a set whose false hits cost nothing worse than a longer file
 * name: three 32-bit multiplicative hashes (FNV-1a and two variants) and the length. Not
 * cryptographic: about 96 bits against chance collisions, some one in 10^16 for a million texts.
 */
export function textDigest(text: string): [number, number, number, number] {
  let a = 0x811c9dc5;
  let b = 0x5bd1e995;
  let c = 0x27d4eb2f;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x01000193) ^ (b >>> 15);
    c = Math.imul((c << 5) | (c >>> 27), 0x85ebca6b) ^ ch;
  }
  return [a >>> 0, b >>> 0, c >>> 0, text.length];
}

/**
 * A map from 128-bit digests to unsigned 32-bit numbers, open addressing in typed arrays.
 */
export class DigestTable {
  private keys = new Uint32Array(4 * 1024);
  private values = new Uint32Array(1024);
  private used = new Uint8Array(1024);
  private count = 0;

  /** How many keys it holds. */
  get size(): number {
    return this.count;
  }

  private slot(k: ArrayLike<number>): number {
    const mask = this.used.length - 1;
    let i = (k[0]! ^ Math.imul(k[3]!, 0x9e3779b1)) & mask;
    for (;;) {
      if (this.used[i] === 0) return i;
      const at = i * 4;
      const keys = this.keys;
      if (
        keys[at] === k[0] &&
        keys[at + 1] === k[1] &&
        keys[at + 2] === k[2] &&
        keys[at + 3] === k[3]
      ) {
        return i;
      }
      i = (i + 1) & mask;
    }
  }

  /** The number kept for a digest, or undefined. */
  get(k: ArrayLike<number>): number | undefined {
    const i = this.slot(k);
    return this.used[i] === 0 ? undefined : this.values[i];
  }

  /** Keeps `value` (0 to 2^32 - 1) for a digest, replacing what it had. */
  set(k: ArrayLike<number>, value: number): void {
    if ((this.count + 1) * 2 > this.used.length) this.grow();
    const i = this.slot(k);
    if (this.used[i] === 0) {
      this.used[i] = 1;
      this.keys.set(k, i * 4);
      this.count += 1;
    }
    this.values[i] = value;
  }

  private grow(): void {
    const { keys, values, used } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.values = new Uint32Array(values.length * 2);
    this.used = new Uint8Array(used.length * 2);
    this.count = 0;
    for (let i = 0; i < used.length; i++) {
      if (used[i] === 1) this.set(keys.subarray(i * 4, i * 4 + 4), values[i]!);
    }
  }
}

/** Credential ids to numbers (a row, an index), keyed by {@link idDigest}. */
export class IdMap {
  private readonly table = new DigestTable();

  get size(): number {
    return this.table.size;
  }

  get(id: string): number | undefined {
    return this.table.get(idDigest(id));
  }

  has(id: string): boolean {
    return this.table.get(idDigest(id)) !== undefined;
  }

  set(id: string, value: number): void {
    this.table.set(idDigest(id), value);
  }
}

/**
 * A set of strings kept as 128-bit hashes ({@link textDigest}): `has` may, by a tiny chance,
 * answer true for a string never added, never false for one added. Used only where a false true
 * costs a longer file name, never a lost or shared file.
 */
export class HashedSet {
  private readonly table = new DigestTable();

  get size(): number {
    return this.table.size;
  }

  has(text: string): boolean {
    return this.table.get(textDigest(text)) !== undefined;
  }

  add(text: string): this {
    this.table.set(textDigest(text), 1);
    return this;
  }
}

/** Four 32-bit words from 32 hex digits (a ledger digest), or undefined for anything else. */
export function hexWords(hex: unknown): [number, number, number, number] | undefined {
  if (typeof hex !== 'string' || !/^[0-9a-f]{32}$/u.test(hex)) return undefined;
  const word = (i: number): number => Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return [word(0), word(1), word(2), word(3)];
}

/** What a ledger record adds beyond its files: its roster row and digests (older ledgers: none). */
export interface LedgerRecordExtra {
  row?: number;
  /** 32 hex digits: what the credential was made from. */
  data?: string;
  /** 32 hex digits: the achievement id and the earner's normalised name. */
  who?: string;
}

/** A done row as the next run needs it. */
export interface LedgerRecord {
  files: string[];
  /** Its roster row in the run that issued it (0 when the ledger line has none). */
  row: number;
  /** What its credential was made from, as four words; undefined for older ledgers. */
  data?: [number, number, number, number];
}

const sameWords = (a: ArrayLike<number>, b: ArrayLike<number>, at: number): boolean =>
  a[at] === b[0] && a[at + 1] === b[1] && a[at + 2] === b[2] && a[at + 3] === b[3];

/**
 * The ledger's rows as the next run needs them: which credential ids are done, their files, the
 * digest of what each was made from and the earner's name digest. The file names are kept as
 * UTF-8 in one growing buffer and the digests in typed arrays, so a finished 100,000-row ledger
 * reloads into a few MB rather than 100,000 parsed objects.
 */
export class LedgerIndex {
  private readonly ids = new IdMap();
  private readonly names = new DigestTable();
  private bytes = Buffer.alloc(64 * 1024);
  private starts = new Uint32Array(1024);
  private rows = new Uint32Array(1024);
  // Per record: the data digest (4 words, all-zero flag in `hasData`) and the id's digest.
  private data = new Uint32Array(4 * 1024);
  private hasData = new Uint8Array(1024);
  private idWords = new Uint32Array(4 * 1024);
  private entries = 0;
  private end = 0;

  /** How many distinct credential ids it holds. */
  get size(): number {
    return this.ids.size;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  private room(): void {
    if (this.entries + 2 <= this.starts.length) return;
    const n = this.starts.length * 2;
    const grow = <T extends Uint32Array | Uint8Array>(
      old: T,
      size: number,
      make: (n: number) => T,
    ): T => {
      const bigger = make(size);
      bigger.set(old);
      return bigger;
    };
    this.starts = grow(this.starts, n, (k) => new Uint32Array(k));
    this.rows = grow(this.rows, n, (k) => new Uint32Array(k));
    this.data = grow(this.data, 4 * n, (k) => new Uint32Array(k));
    this.idWords = grow(this.idWords, 4 * n, (k) => new Uint32Array(k));
    this.hasData = grow(this.hasData, n, (k) => new Uint8Array(k));
  }

  /** Records a row's files (a later record of the same id replaces the earlier). */
  add(id: string, files: readonly string[], extra: LedgerRecordExtra = {}): void {
    const text = files.join('\0');
    const length = Buffer.byteLength(text, 'utf8');
    while (this.end + length > this.bytes.length) {
      const bigger = Buffer.alloc(this.bytes.length * 2);
      this.bytes.copy(bigger, 0, 0, this.end);
      this.bytes = bigger;
    }
    this.room();
    const entry = this.entries;
    this.bytes.write(text, this.end, 'utf8');
    this.starts[entry] = this.end;
    this.end += length;
    this.starts[entry + 1] = this.end;
    this.rows[entry] = extra.row ?? 0;
    const data = hexWords(extra.data);
    if (data !== undefined) {
      this.data.set(data, entry * 4);
      this.hasData[entry] = 1;
    }
    this.idWords.set(idDigest(id), entry * 4);
    const who = hexWords(extra.who);
    if (who !== undefined) this.names.set(who, entry);
    this.ids.set(id, entry);
    this.entries += 1;
  }

  /** The files of a done row, or undefined. */
  files(id: string): string[] | undefined {
    const entry = this.ids.get(id);
    return entry === undefined ? undefined : this.filesAt(entry);
  }

  /** The last record of a credential id, or undefined. */
  record(id: string): LedgerRecord | undefined {
    const entry = this.ids.get(id);
    if (entry === undefined) return undefined;
    const found: LedgerRecord = { files: this.filesAt(entry), row: this.rows[entry]! };
    if (this.hasData[entry] === 1) {
      const at = entry * 4;
      found.data = [this.data[at]!, this.data[at + 1]!, this.data[at + 2]!, this.data[at + 3]!];
    }
    return found;
  }

  /**
   * The roster row of the last record with this name digest ({@link LedgerRecordExtra.who}) under
   * a credential id other than `id`, or undefined.
   */
  sameNameElsewhere(who: string, id: string): number | undefined {
    const words = hexWords(who);
    const entry = words === undefined ? undefined : this.names.get(words);
    if (entry === undefined || sameWords(this.idWords, idDigest(id), entry * 4)) return undefined;
    return this.rows[entry];
  }

  private filesAt(entry: number): string[] {
    const text = this.bytes.toString('utf8', this.starts[entry], this.starts[entry + 1]);
    return text === '' ? [] : text.split('\0');
  }

  /** Calls `visit` with the files of every record, in ledger order. */
  forEachFiles(visit: (files: string[]) => void): void {
    for (let entry = 0; entry < this.entries; entry++) visit(this.filesAt(entry));
  }
}

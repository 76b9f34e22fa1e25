import { crc32, deflateSync } from 'node:zlib';

/** An independent chunk list of a PNG (no validation), to check our reader and writer against. */
export function listChunks(bytes: Uint8Array): { type: string; data: Buffer; raw: Buffer }[] {
  const buf = Buffer.from(bytes);
  const chunks = [];
  for (let at = 8; at + 12 <= buf.length;) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    chunks.push({
      type,
      data: buf.subarray(at + 8, at + 8 + length),
      raw: buf.subarray(at, at + 12 + length),
    });
    at += 12 + length;
  }
  return chunks;
}

/** One chunk, CRC by node's zlib (an oracle independent of ours). */
export function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A 1x1 RGB PNG with the extra chunks given between IHDR and IDAT. */
export function makePng(extra: Buffer[] = []): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const idat = deflateSync(Buffer.from([0, 200, 30, 40]));
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    ...extra,
    chunk('tEXt', Buffer.from('Software\0test', 'latin1')),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** iTXt data: keyword, NUL, flag, method, empty language and translated keyword, text. */
export function itxt(keyword: string, text: Uint8Array, compressed = false): Buffer {
  return chunk(
    'iTXt',
    Buffer.concat([Buffer.from(`${keyword}\0${compressed ? '\x01' : '\0'}\0\0\0`, 'latin1'), text]),
  );
}

// Reads a .zip back as an unpacker does, for the tests of the portal's export (src/portal/zip.ts):
// from the end-of-central-directory record to each central entry, then to its local header and
// its bytes, checking that both headers agree and that the CRC-32 of the bytes is the stored one.

export interface ZipEntry {
  name: string;
  text: string;
  method: number;
  crc: number;
  /** Bit 11: the name is UTF-8. */
  utf8: boolean;
}

/** The CRC-32 of bytes, bit by bit (a second implementation, not the table of zip.ts). */
function crcOf(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return ~crc >>> 0;
}

export function readZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const end = bytes.length - 22;
  if (view.getUint32(end, true) !== 0x06054b50) throw new Error('no end of central directory record (or a comment follows it)');
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  let at = view.getUint32(end + 16, true);
  if (at + size !== end) throw new Error('the central directory does not end where the end record starts');
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`central entry ${i} has no signature`);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const compressed = view.getUint32(at + 20, true);
    const length = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error(`${name}: no local header at ${local}`);
    const localName = decoder.decode(bytes.subarray(local + 30, local + 30 + view.getUint16(local + 26, true)));
    if (localName !== name || view.getUint32(local + 14, true) !== crc || view.getUint32(local + 22, true) !== length) {
      throw new Error(`${name}: the local header and the central directory disagree`);
    }
    if (method !== 0 || compressed !== length) throw new Error(`${name}: not stored`);
    const start = local + 30 + nameLength + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + length);
    if (crcOf(data) !== crc) throw new Error(`${name}: CRC-32 ${crcOf(data).toString(16)} is not the stored ${crc.toString(16)}`);
    entries.push({ name, text: decoder.decode(data), method, crc, utf8: (flags & 0x0800) !== 0 });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

// A .zip of text files, stored without compression (method 0, "STORE"): what the Guided paths
// page downloads when it exports the content folder, so it can be unpacked into git. A few
// hundred kilobytes of JSON need no deflate, and STORE needs no dependency: each file is a local
// header and its bytes, then the central directory lists them all (APPNOTE.TXT, sections 4.3
// and 4.4). Names are UTF-8 (flag bit 11); no ZIP64, so at most 65,535 files and 4 GiB.

/** CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as zip and gzip use, by table. */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The CRC-32 of `bytes` (`crc32(utf8("123456789"))` is 0xCBF43926). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A time as MS-DOS writes it (local time, two-second steps; years from 1980). */
function dosTime(at: Date): { time: number; date: number } {
  const year = Math.max(1980, at.getFullYear());
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | (at.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}

const UTF8_NAMES = 0x0800;
const VERSION = 20;

/**
 * A zip archive of `files` (name → text, written as UTF-8), in the order given; a name with
 * slashes puts the file in folders (`garden/lamp.json`). `at` is every file's modification time.
 */
export function zipFiles(files: Record<string, string>, at = new Date()): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const { time, date } = dosTime(at);
  const entries = Object.entries(files).map(([name, text]) => {
    const data = encoder.encode(text);
    return { name: encoder.encode(name), data, crc: crc32(data), offset: 0 };
  });
  if (entries.length > 0xffff) throw new RangeError('a zip without ZIP64 holds at most 65,535 files');
  const localSize = entries.reduce((sum, e) => sum + 30 + e.name.length + e.data.length, 0);
  const centralSize = entries.reduce((sum, e) => sum + 46 + e.name.length, 0);
  if (localSize + centralSize > 0xffffffff) throw new RangeError('a zip without ZIP64 holds at most 4 GiB');
  const out = new Uint8Array(new ArrayBuffer(localSize + centralSize + 22));
  const view = new DataView(out.buffer);
  let at32 = 0;
  const u16 = (value: number) => {
    view.setUint16(at32, value, true);
    at32 += 2;
  };
  const u32 = (value: number) => {
    view.setUint32(at32, value, true);
    at32 += 4;
  };
  const bytes = (value: Uint8Array) => {
    out.set(value, at32);
    at32 += value.length;
  };
  /** What the local header and the central directory both say of an entry, from "version needed" to the extra field's length. */
  const common = (e: (typeof entries)[number]) => {
    u16(VERSION);
    u16(UTF8_NAMES);
    u16(0); // STORE
    u16(time);
    u16(date);
    u32(e.crc);
    u32(e.data.length); // compressed size: the same, stored
    u32(e.data.length);
    u16(e.name.length);
    u16(0); // no extra field
  };
  for (const e of entries) {
    e.offset = at32;
    u32(0x04034b50);
    common(e);
    bytes(e.name);
    bytes(e.data);
  }
  const central = at32;
  for (const e of entries) {
    u32(0x02014b50);
    u16(VERSION); // made by: MS-DOS attributes, version 2.0
    common(e);
    u16(0); // comment length
    u16(0); // disk number
    u16(0); // internal attributes
    u32(0); // external attributes
    u32(e.offset);
    bytes(e.name);
  }
  const centralLength = at32 - central;
  u32(0x06054b50);
  u16(0); // this disk
  u16(0); // the disk the central directory starts on
  u16(entries.length);
  u16(entries.length);
  u32(centralLength);
  u32(central);
  u16(0); // comment length
  return out;
}

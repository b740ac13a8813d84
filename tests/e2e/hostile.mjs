// Hostile workbooks made in the test with a tiny zip writer (Node built-ins only): a
// decompression bomb and a sheet whose two cells span the whole Excel grid.
import { crc32, createDeflateRaw, constants } from "node:zlib";

/** A zip archive of `entries` ({name, data: Buffer} or {name, deflated, size, crc} precomputed). */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const deflated = entry.deflated;
    const crc = entry.crc >>> 0;
    const size = entry.declaredSize ?? entry.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, deflated);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + deflated.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** A stored entry from text or bytes. */
async function entry(name, data) {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, "utf8");
  return { name, deflated: await deflate([bytes]), size: bytes.length, crc: crc32(bytes) };
}

/** Deflates a sequence of chunks without holding their concatenation. */
function deflate(chunks) {
  return new Promise((done, fail) => {
    const out = [];
    const stream = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
    stream.on("data", (b) => out.push(b));
    stream.on("end", () => done(Buffer.concat(out)));
    stream.on("error", fail);
    (async () => {
      for (const chunk of chunks) {
        if (!stream.write(chunk)) await new Promise((ok) => stream.once("drain", ok));
      }
      stream.end();
    })();
  });
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Tabell 1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

async function xlsx(sheetEntry) {
  return zip([
    await entry("[Content_Types].xml", CONTENT_TYPES),
    await entry("_rels/.rels", RELS),
    await entry("xl/workbook.xml", WORKBOOK),
    await entry("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    sheetEntry,
  ]);
}

/**
 * A decompression bomb: a sheet of `megabytes` MB of white space inside a valid cell list,
 * compressed to well under 1 MB. With `lie`, the zip declares the entry 1 000 bytes long.
 */
export async function decompressionBomb({ megabytes = 400, lie = false } = {}) {
  const head = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Kommun</t></is></c></row>`,
  );
  const tail = Buffer.from(`</sheetData></worksheet>`);
  const filler = Buffer.alloc(1024 * 1024, 0x20);
  const chunks = [head, ...Array.from({ length: megabytes }, () => filler), tail];
  let crc = crc32(head);
  for (let i = 0; i < megabytes; i++) crc = crc32(filler, crc);
  crc = crc32(tail, crc);
  const size = head.length + megabytes * filler.length + tail.length;
  const sheet = {
    name: "xl/worksheets/sheet1.xml",
    deflated: await deflate(chunks),
    size: size >>> 0,
    crc,
    declaredSize: lie ? 1000 : size >>> 0,
  };
  return xlsx(sheet);
}

/** A sheet with cells at A1 and XFD1048576 only: its used range is the whole grid. */
export async function sparseHugeRange() {
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Kommun</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>`;
  return xlsx(await entry("xl/worksheets/sheet1.xml", sheet));
}

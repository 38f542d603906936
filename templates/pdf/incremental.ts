/**
 * Incremental updates (ISO 32000-1 §7.5.6): changed and new objects are appended after the original bytes with a
 * cross-reference section that points back to the previous one. The original file stays a byte-for-byte prefix,
 * so its hash and any signature in it still verify, and each revision can be cut out again.
 */
import {
  type PDFArray,
  type PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  type PDFRef,
  PDFStream,
  type PDFObject,
} from 'pdf-lib';

/** A document opened for an incremental update: edit `doc` with pdf-lib, then `save()` appends the changes. */
export interface PdfUpdate {
  doc: PDFDocument;
  /** Appends every new or changed object as a new revision; the original bytes come first, unchanged. */
  save(): Buffer;
}

/** Thrown for files this module cannot update (encrypted, or not a PDF). */
export class PdfUpdateError extends Error {
  constructor(
    readonly code: 'NOT_PDF' | 'ENCRYPTED_PDF',
    message: string,
  ) {
    super(message);
  }
}

const serialize = (object: PDFObject): Buffer => {
  const buffer = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(buffer, 0);
  return Buffer.from(buffer);
};

/** The offset of the last cross-reference section (the number after the last "startxref"). */
export function lastStartXref(bytes: Buffer): number {
  const tail = bytes.subarray(Math.max(0, bytes.length - 2048)).toString('latin1');
  const matches = [...tail.matchAll(/startxref\s+(\d+)/g)];
  if (matches.length === 0) throw new PdfUpdateError('NOT_PDF', 'no startxref: not a PDF file');
  return Number(matches[matches.length - 1][1]);
}

/** Opens a PDF for an incremental update. */
export async function openForUpdate(original: Buffer): Promise<PdfUpdate> {
  if (original.subarray(0, 1024).indexOf('%PDF-') < 0) throw new PdfUpdateError('NOT_PDF', 'not a PDF file');
  const doc = await PDFDocument.load(original, { updateMetadata: false, throwOnInvalidObject: false });
  if (doc.isEncrypted) throw new PdfUpdateError('ENCRYPTED_PDF', 'the PDF is encrypted');
  const context = doc.context;
  const prev = lastStartXref(original);
  const usesXrefStream = !original.subarray(prev, prev + 4).equals(Buffer.from('xref'));
  // pdf-lib does not keep cross-reference and object streams as objects, so its largest object number can be below
  // theirs: new objects are numbered from the previous section's /Size, never reusing a number.
  const size = /\/Size\s+(\d+)/.exec(original.subarray(prev, prev + 4096).toString('latin1'));
  context.largestObjectNumber = Math.max(context.largestObjectNumber, size ? Number(size[1]) - 1 : 0);
  const firstNew = context.largestObjectNumber + 1;
  // Streams are never changed in place here (a new stream is a new object), so only non-stream objects are compared.
  const before = new Map<string, Buffer>();
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFStream)) before.set(ref.tag, serialize(object));
  }

  return {
    doc,
    save() {
      const changed: Array<[PDFRef, PDFObject]> = [];
      for (const [ref, object] of context.enumerateIndirectObjects()) {
        if (ref.objectNumber >= firstNew) changed.push([ref, object]);
        else if (!(object instanceof PDFStream) && !serialize(object).equals(before.get(ref.tag) ?? Buffer.alloc(0)))
          changed.push([ref, object]);
      }
      changed.sort(([a], [b]) => a.objectNumber - b.objectNumber);
      const parts: Buffer[] = [original];
      let length = original.length;
      const push = (chunk: Buffer) => {
        parts.push(chunk);
        length += chunk.length;
      };
      if (original[original.length - 1] !== 0x0a) push(Buffer.from('\n'));
      const offsets: Array<[number, number, number]> = [];
      for (const [ref, object] of changed) {
        offsets.push([ref.objectNumber, ref.generationNumber, length]);
        push(Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1'));
        push(serialize(object));
        push(Buffer.from('\nendobj\n', 'latin1'));
      }
      const trailer = context.trailerInfo;
      const entries = (dict: PDFDict) => {
        if (trailer.Root) dict.set(PDFName.of('Root'), trailer.Root);
        if (trailer.Info) dict.set(PDFName.of('Info'), trailer.Info);
        if (trailer.ID) dict.set(PDFName.of('ID'), trailer.ID);
        dict.set(PDFName.of('Prev'), PDFNumber.of(prev));
      };
      if (usesXrefStream) {
        // The previous section is a cross-reference stream: continue with one, uncompressed (W [1 4 2]).
        const xrefNumber = Math.max(context.largestObjectNumber, ...offsets.map(([n]) => n)) + 1;
        const xrefOffset = length;
        offsets.push([xrefNumber, 0, xrefOffset]);
        const dict = context.obj({}) as PDFDict;
        dict.set(PDFName.of('Type'), PDFName.of('XRef'));
        dict.set(PDFName.of('Size'), PDFNumber.of(xrefNumber + 1));
        const index = context.obj([]) as PDFArray;
        const rows: Buffer[] = [];
        for (const [start, run] of runs(offsets)) {
          index.push(PDFNumber.of(start));
          index.push(PDFNumber.of(run.length));
          for (const [, gen, offset] of run) {
            const row = Buffer.alloc(7);
            row[0] = 1;
            row.writeUInt32BE(offset, 1);
            row.writeUInt16BE(gen, 5);
            rows.push(row);
          }
        }
        dict.set(PDFName.of('Index'), index);
        dict.set(PDFName.of('W'), context.obj([1, 4, 2]));
        entries(dict);
        const stream = PDFRawStream.of(dict, Buffer.concat(rows));
        push(Buffer.from(`${xrefNumber} 0 obj\n`, 'latin1'));
        push(serialize(stream));
        push(Buffer.from(`\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`, 'latin1'));
      } else {
        const xrefOffset = length;
        let table = 'xref\n';
        for (const [start, run] of runs(offsets)) {
          table += `${start} ${run.length}\n`;
          for (const [, gen, offset] of run) table += `${pad(offset, 10)} ${pad(gen, 5)} n\r\n`;
        }
        const dict = context.obj({}) as PDFDict;
        const size = Math.max(context.largestObjectNumber, ...offsets.map(([n]) => n)) + 1;
        dict.set(PDFName.of('Size'), PDFNumber.of(size));
        entries(dict);
        push(Buffer.from(`${table}trailer\n`, 'latin1'));
        push(serialize(dict));
        push(Buffer.from(`\nstartxref\n${xrefOffset}\n%%EOF\n`, 'latin1'));
      }
      return Buffer.concat(parts, length);
    },
  };
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Groups [objectNumber, gen, offset] rows into runs of consecutive object numbers (xref subsections). */
function runs(rows: Array<[number, number, number]>): Array<[number, Array<[number, number, number]>]> {
  const sorted = [...rows].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, Array<[number, number, number]>]> = [];
  for (const row of sorted) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1].length === row[0]) last[1].push(row);
    else out.push([row[0], [row]]);
  }
  return out;
}

/** A hex string of `bytes` zero bytes: the placeholder of a signature's /Contents. */
export function zeroHex(bytes: number): PDFHexString {
  return PDFHexString.of('0'.repeat(bytes * 2));
}

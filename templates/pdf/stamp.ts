/**
 * The receipt stamp (ตรารับหนังสือ) on a received PDF: unit, เลขรับ, date and time in Thai digits at the top right of
 * page one, added as a new revision so the sender's bytes (and any signature over them) stay verifiable.
 */
import { PDFArray, PDFName, type PDFPage, type PDFRef } from 'pdf-lib';
import { receiptStampLines } from '../../domain';
import type { PdfRenderer } from '../pdf-renderer';
import { renderReceiptStampHtml } from '../render-html';
import { openForUpdate } from './incremental';

/** Distance of the stamp from the top and right edges of the visible page, in points (0.5 cm). */
const EDGE = 14.17;

/** What the stamp says. */
export interface ReceiptStamp {
  unitName?: string;
  number: number;
  receivedAt: Date;
}

type Point = { x: number; y: number };

/**
 * Maps a point of the page as it is seen (after /Rotate) to the page's own user space, so the stamp lands at the
 * visible top right and stands upright however the page is rotated.
 */
function viewToUser(page: PDFPage): { width: number; height: number; map(p: Point): Point } {
  const box = page.getCropBox();
  const [x0, y0, w, h] = [box.x, box.y, box.width, box.height];
  const rotation = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  switch (rotation) {
    case 90:
      return { width: h, height: w, map: ({ x, y }) => ({ x: x0 + w - y, y: y0 + x }) };
    case 180:
      return { width: w, height: h, map: ({ x, y }) => ({ x: x0 + w - x, y: y0 + h - y }) };
    case 270:
      return { width: h, height: w, map: ({ x, y }) => ({ x: x0 + y, y: y0 + h - x }) };
    default:
      return { width: w, height: h, map: ({ x, y }) => ({ x: x0 + x, y: y0 + y }) };
  }
}

const num = (value: number) => Number(value.toFixed(4)).toString();

/**
 * Stamps page one of `original` and returns the new file: the original bytes followed by one incremental update that
 * holds the stamp (drawn by Chromium, so the Thai is shaped and the fonts embedded) as a form XObject.
 */
export async function stampReceipt(original: Buffer, stamp: ReceiptStamp, renderer: PdfRenderer): Promise<Buffer> {
  const lines = receiptStampLines(stamp);
  const { pdf: stampPdf } = await renderer.htmlToPdf(renderReceiptStampHtml(lines));
  const update = await openForUpdate(original);
  const { doc } = update;
  const page = doc.getPage(0);
  const [embedded] = await doc.embedPdf(stampPdf, [0]);
  await embedded.embed();
  const view = viewToUser(page);
  const origin = view.map({ x: view.width - EDGE - embedded.width, y: view.height - EDGE - embedded.height });
  const ex = view.map({ x: view.width - EDGE - embedded.width + 1, y: view.height - EDGE - embedded.height });
  const ey = view.map({ x: view.width - EDGE - embedded.width, y: view.height - EDGE - embedded.height + 1 });
  const matrix = [ex.x - origin.x, ex.y - origin.y, ey.x - origin.x, ey.y - origin.y, origin.x, origin.y];
  const name = page.node.newXObject('SarabanReceipt', embedded.ref);
  // The page's own content is wrapped in q … Q so that a graphics state it leaves behind cannot move the stamp.
  const context = doc.context;
  const before = context.register(context.flateStream('q\n'));
  const after = context.register(
    context.flateStream(`\nQ\nq ${matrix.map(num).join(' ')} cm ${name.asString()} Do Q\n`),
  );
  const contents = page.node.Contents();
  const array = PDFArray.withContext(context);
  array.push(before);
  if (contents instanceof PDFArray) for (let i = 0; i < contents.size(); i++) array.push(contents.get(i));
  else if (contents) array.push(page.node.get(PDFName.of('Contents')) as PDFRef);
  array.push(after);
  page.node.set(PDFName.of('Contents'), array);
  return update.save();
}

import { degrees, rgb, StandardFonts } from 'pdf-lib';
import { openForUpdate } from '../../templates/pdf/incremental';

/**
 * Writes the viewer's name and the time across every page of a secret document's PDF, as a new revision (an
 * incremental update): the original bytes stay a prefix, so a signature over them still verifies. Latin text in a
 * standard font (the username, not the Thai display name), so no font has to be embedded.
 */
export async function watermarkPdf(original: Buffer, text: string): Promise<Buffer> {
  const update = await openForUpdate(original);
  const { doc } = update;
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const page of doc.getPages()) {
    const { width, height } = page.getSize();
    const size = Math.max(10, Math.min(width, height) / 28);
    for (const y of [0.25, 0.5, 0.75])
      page.drawText(text, {
        x: width * 0.12,
        y: height * y,
        size,
        font,
        color: rgb(0.75, 0.1, 0.1),
        opacity: 0.28,
        rotate: degrees(30),
      });
  }
  await font.embed(); // pdf-lib writes a font's dictionary at save time; the incremental save needs it now
  return update.save();
}

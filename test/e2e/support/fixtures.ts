import { PDFDocument, StandardFonts } from 'pdf-lib';
import { apiClient } from '../../support/api-client';

/** A one-page PDF with a line of text, as a scanned letter stands in for in tests. */
export async function samplePdf(text = 'Sample letter for e-Saraban browser tests'): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText(text, { x: 72, y: 760, size: 14, font });
  return pdf.save();
}

/** The id of a demo user, read from `GET /api/me` after signing in through the API. */
export async function userIdOf(baseUrl: string, username: string): Promise<string> {
  const api = apiClient(baseUrl);
  const token = await api.login(username);
  const me = await api.get<{ id: string }>('/api/me', token);
  return me.body.id;
}

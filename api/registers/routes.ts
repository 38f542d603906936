import Router from '@koa/router';
import { beYearOf, registerLabel, toThaiDigits } from '../../domain';
import { createIdleRenderer } from '../../templates/pdf-renderer';
import { registerCells, registerColumns, registerCsv, registerHtml } from '../../templates/registers';
import { registerXlsx, XLSX_MEDIA_TYPE } from '../../templates/registers-xlsx';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { forbidden, notFound } from '../errors';
import { queryOf } from '../middleware/validate';
import { loadRegisterRows } from './rows';
import { registerParam, registerQuery } from './schema';

/** Registers (ทะเบียนหนังสือรับ/ส่ง/เวียน) of a unit for a Buddhist-era year: JSON, CSV, PDF or XLSX. */
export function createRegistersRouter(deps: ApiDeps): Router {
  const router = new Router({ prefix: '/api/registers' });
  // Chromium for register PDFs in the API process: started on the first PDF, closed after a minute without one.
  const renderer = createIdleRenderer({ chromiumPath: deps.env.CHROMIUM_PATH, pages: 1, log: deps.log });
  const toPdf = async (html: string) => (await renderer.htmlToPdf(html)).pdf;

  /**
   * GET /api/registers/:register?year=&unitId=: the register in the regulation's columns with Thai digits. JSON by
   * default (paged: limit, cursor); `Accept: text/csv` (UTF-8 with BOM), `Accept: application/pdf` (landscape A4) or
   * the XLSX media type (Excel: the number a real number shown in Thai digits, the rest as printed) for the whole
   * year; `?format=` does the same for a link. The caller's registry unit, or a unit they oversee.
   */
  router.get('/:register', async function getRegister(ctx) {
    const user = ctx.state.user as AuthUser;
    const params = registerParam.safeParse(ctx.params);
    if (!params.success) throw notFound('No such register (ไม่พบทะเบียน)');
    const { register } = params.data;
    const q = queryOf(ctx, registerQuery);
    const unitId = q.unitId ?? user.registryUnit.id;
    if (unitId !== user.registryUnit.id && !user.overseenUnitIds.includes(unitId)) {
      throw forbidden('Only the unit’s own registers or those of units you oversee (ดูได้เฉพาะทะเบียนของหน่วยงานตนเอง)');
    }
    const [unit] = (await deps.ds.query('SELECT id, name FROM units WHERE id = ?', [unitId])) as Array<{
      id: string;
      name: string;
    }>;
    if (!unit) throw notFound('No such unit (ไม่พบหน่วยงาน)');
    const year = q.year ?? beYearOf(new Date());
    const format =
      q.format ??
      (ctx.accepts('application/json', 'text/csv', 'application/pdf', XLSX_MEDIA_TYPE) || 'application/json');
    const fileName = `${register}-${unit.id}-${year}`;
    if (format === 'text/csv' || format === 'csv') {
      const { rows } = await loadRegisterRows(deps.ds, { register, unitId, year });
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('Content-Disposition', `attachment; filename="${fileName}.csv"`);
      ctx.body = registerCsv(register, rows);
      return;
    }
    if (format === 'application/pdf' || format === 'pdf') {
      const { rows } = await loadRegisterRows(deps.ds, { register, unitId, year });
      ctx.type = 'application/pdf';
      ctx.set('Content-Disposition', `inline; filename="${fileName}.pdf"`);
      ctx.body = await toPdf(registerHtml({ register, unitName: unit.name, year, rows, printedAt: new Date() }));
      return;
    }
    if (format === XLSX_MEDIA_TYPE || format === 'xlsx') {
      const { rows } = await loadRegisterRows(deps.ds, { register, unitId, year });
      ctx.type = XLSX_MEDIA_TYPE;
      ctx.set('Content-Disposition', `attachment; filename="${fileName}.xlsx"`);
      ctx.body = await registerXlsx({ register, unitName: unit.name, year, rows, printedAt: new Date() });
      return;
    }
    const after = q.cursor ? Number(q.cursor) : undefined;
    const { rows, total } = await loadRegisterRows(deps.ds, {
      register,
      unitId,
      year,
      afterNumber: after,
      limit: q.limit,
    });
    const columns = registerColumns(register);
    ctx.body = {
      register,
      registerText: registerLabel(register),
      unit,
      year,
      yearText: toThaiDigits(year),
      columns: columns.map((c) => c.label),
      items: rows.map((row) => ({ ...row, cells: registerCells(register, row) })),
      total,
      nextCursor: rows.length === q.limit ? String(rows[rows.length - 1].number) : null,
    };
  });

  return router;
}

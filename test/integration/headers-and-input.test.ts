/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Runtime } from '@temporalio/worker';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { apiClient, buildIncoming } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { freePort } from '../support/free-port';
import { startTestSystem, type TestSystem } from '../support/system';

const webRoot = join(__dirname, '..', '..', 'web', 'dist', 'browser');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer; type?: string }): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file)
    form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/pdf' }), file.name);
  return form;
}

describe.each(testDatabaseKinds())('uploads, headers and CORS on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  let clerk: string;
  const post = (body: FormData, token = clerk) =>
    fetch(`${system.baseUrl}/api/documents/incoming`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body,
    });

  beforeAll(async () => {
    system = await startTestSystem(kind, {
      env: {
        UPLOAD_LIMIT_BYTES: '4096',
        TRUST_PROXY: 'true',
        CORS_ORIGINS: 'https://intranet.bma.go.th',
        TEMPORAL_METRICS_BIND: `127.0.0.1:${await freePort()}`,
      },
    });
    api = apiClient(system.baseUrl);
    clerk = await api.login('clerk.ladkrabang');
  });
  afterAll(async () => {
    await system?.stop();
  });

  describe('POST /api/documents/incoming as multipart/form-data', () => {
    it('registers a document from a JSON fields part and a PDF file part', async () => {
      const { file: _file, ...fields } = buildIncoming({ subject: 'รับหนังสือแบบแนบไฟล์' }) as Record<string, unknown>;
      const res = await post(multipart({ fields: JSON.stringify(fields) }, { name: 'หนังสือ.pdf', bytes: PDF }));
      expect(res.status).toBe(201);
      const body = (await res.json()) as { id: string };
      const doc = await api.get(`/api/documents/${body.id}`, clerk);
      expect(doc.body).toMatchObject({ subject: 'รับหนังสือแบบแนบไฟล์', hasFile: true });
      const file = await fetch(`${system.baseUrl}/api/documents/${body.id}/file`, {
        headers: { authorization: `Bearer ${clerk}` },
      });
      expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    });

    it('takes plain fields too, with dotted names for the sender', async () => {
      const res = await post(
        multipart(
          { subject: 'ฟิลด์แยก', kind: 'external', 'sender.name': 'สำนักการโยธา', 'sender.number': 'กท 1401/9' },
          { name: 'a.pdf', bytes: PDF },
        ),
      );
      expect(res.status).toBe(201);
    });

    it('answers 415 for a file that is not a PDF, whatever its declared type', async () => {
      const res = await post(
        multipart({ subject: 'ไม่ใช่ PDF', 'sender.name': 'x' }, { name: 'x.pdf', bytes: Buffer.from('MZ\x90\x00 exe') }),
      );
      expect(res.status).toBe(415);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers 413 for a file over UPLOAD_LIMIT_BYTES, and writes nothing', async () => {
      const [{ n: before }] = (await system.ds.query('SELECT COUNT(*) AS n FROM documents')) as Array<{ n: number }>;
      const big = Buffer.concat([PDF, Buffer.alloc(8192, 0x20)]);
      const res = await post(multipart({ subject: 'ใหญ่เกิน', 'sender.name': 'x' }, { name: 'big.pdf', bytes: big }));
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
      const [{ n: after }] = (await system.ds.query('SELECT COUNT(*) AS n FROM documents')) as Array<{ n: number }>;
      expect(Number(after)).toBe(Number(before));
    });

    it('answers 415 for multipart on an endpoint that takes JSON only', async () => {
      const res = await fetch(`${system.baseUrl}/api/tasks/x/actions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${clerk}` },
        body: multipart({ action: 'close' }),
      });
      expect([404, 415]).toContain(res.status);
    });
  });

  describe('security headers', () => {
    it('sends a closed CSP, nosniff, no-store and no server banner on API answers', async () => {
      const res = await api.get('/api/health');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('server')).toBeNull();
      expect(res.headers.get('strict-transport-security')).toBeNull();
    });

    it('sends HSTS when the request came over TLS through the proxy', async () => {
      const res = await api.request('GET', '/api/health', { headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    });
  });

  describe('CORS', () => {
    it('gives no CORS header to an unknown origin and refuses its preflight', async () => {
      const res = await api.request('GET', '/api/health', { headers: { origin: 'https://evil.example' } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await api.request('OPTIONS', '/api/me', {
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      });
      expect(preflight.status).toBe(403);
      expect(preflight.body.error.code).toBe('CORS_ORIGIN_REFUSED');
    });

    it('opens to the origins in CORS_ORIGINS', async () => {
      const origin = 'https://intranet.bma.go.th';
      const preflight = await api.request('OPTIONS', '/api/me', {
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      const res = await api.request('GET', '/api/me', { token: clerk, headers: { origin } });
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    });
  });

  describe('the API description', () => {
    it('publishes OpenAPI 3.1 with the zod schemas of bodies and queries', async () => {
      const doc = await api.get('/api/openapi.json');
      expect(doc.body.openapi).toBe('3.1.0');
      const incoming = doc.body.paths['/api/documents/incoming'].post;
      expect(incoming.requestBody.content['application/json'].schema.required).toEqual(['subject', 'sender']);
      expect(Object.keys(incoming.requestBody.content)).toContain('multipart/form-data');
      const search = doc.body.paths['/api/documents'].get.parameters.map((p: { name: string }) => p.name);
      expect(search).toEqual(
        expect.arrayContaining(['q', 'number', 'kind', 'urgency', 'stage', 'from', 'to', 'unitId']),
      );
    });

    it('echoes the request id and carries it into the workflow the request started', async () => {
      const requestId = `req-${Date.now()}`;
      const res = await api.post('/api/documents/incoming', buildIncoming(), clerk, { 'x-request-id': requestId });
      expect(res.headers.get('x-request-id')).toBe(requestId);
      const described = await system.client.workflow.getHandle(res.body.workflowId).describe();
      expect(described.memo).toEqual({ requestId });
    });

    it('serves Prometheus metrics with HTTP counts and task gauges', async () => {
      await api.get('/api/health');
      expect((await api.post('/api/documents/incoming', buildIncoming(), clerk)).status).toBe(201);
      const res = await fetch(`${system.baseUrl}/metrics`);
      const text = await res.text();
      expect(text).toMatch(/saraban_http_requests_total\{method="GET",route="\/api\/health",status="200"\} \d+/);
      expect(text).toMatch(/saraban_open_tasks\{type="triage"\} \d+/);
      expect(text).toContain('saraban_workflow_starts_total{route="/api/documents/incoming"}');
      expect(text).toContain('saraban_http_request_duration_seconds_bucket');
      // The Temporal SDK's own metrics (worker polls, activity and workflow task latencies), from its exporter.
      // (Only when this test file's system installed the SDK runtime: it is installed once per module registry.)
      if (JSON.stringify(Runtime.instance().options.runtimeOptions).includes(system.env.TEMPORAL_METRICS_BIND!))
        expect(text).toMatch(/^temporal_\w+/m);
    });
  });
});

describe('the web client and the API docs page under their CSP, in headless Chromium', () => {
  let system: TestSystem;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(join(webRoot, 'index.html'))) throw new Error('web client not built: run `npm run setup`');
    system = await startTestSystem('sqlite', { webRoot });
    browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  async function visit(path: string, act?: (page: Page) => Promise<void>) {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Refused to load: CSP ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const res = await page.goto(`${system.baseUrl}${path}`, { waitUntil: 'networkidle0' });
    if (act) await act(page);
    return { page, violations, csp: res?.headers()['content-security-policy'] ?? '' };
  }

  it('runs the Angular client (styles applied, sign-in works) with no CSP violation', async () => {
    const { page, violations, csp } = await visit('/login', async (p) => {
      await p.type('[data-testid=login-username]', 'clerk.ladkrabang');
      await p.type('[data-testid=login-password]', 'saraban-demo');
      await p.click('[data-testid=login-submit]');
      await p.waitForSelector('[data-testid=current-user]');
    });
    expect(csp).toContain("script-src 'self'");
    expect(
      await page.$$eval('link[rel=stylesheet]', (links) => links.map((l) => (l as HTMLLinkElement).media)),
    ).not.toContain('print');
    expect(violations).toEqual([]);
  });

  it('renders GET /api/docs from the OpenAPI document with no CSP violation', async () => {
    const { page, violations } = await visit('/api/docs');
    await page.waitForSelector('details');
    const paths = await page.$$eval('summary .p', (els) => els.map((e) => e.textContent));
    expect(paths).toContain('/api/documents/incoming');
    expect(violations).toEqual([]);
  });
});

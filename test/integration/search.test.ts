import { termsOf } from '../../db/search-index';
import { apiClient, buildIncoming } from '../support/api-client';
import { buildOutgoing } from '../support/lives';
import { testDatabaseKinds } from '../support/databases';
import { startTestSystem, type TestSystem } from '../support/system';

describe('termsOf', () => {
  it.each([
    ['ขอเชิญประชุมคณะกรรมการ', ['ขอ', 'เชิญ', 'ประชุม', 'คณะ', 'กรรมการ']],
    ['ระบบสารบรรณอิเล็กทรอนิกส์', ['ระบบ', 'สารบรรณ', 'อิเล็กทรอนิกส์']],
    ['กท 0403/ว 276', ['กท', '0403', 'ว', '276']],
    ['Budget FY2569, budget', ['budget', 'fy2569']],
  ])('segments "%s" into dictionary words', (text, terms) => {
    expect(termsOf(text)).toEqual(terms);
  });
});

describe.each(testDatabaseKinds())('GET /api/documents (search) on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  let clerk: string;
  const ids: Record<string, string> = {};
  const search = async (query: string, token = clerk) => {
    const res = await api.get(`/api/documents?${query}`, token);
    expect(res.status).toBe(200);
    return (res.body.items as Array<{ id: string }>).map((d) => d.id);
  };

  beforeAll(async () => {
    system = await startTestSystem(kind);
    api = apiClient(system.baseUrl);
    clerk = await api.login('clerk.ladkrabang');
    const docs = {
      flood: buildIncoming({
        subject: 'ขอความร่วมมือเตรียมการป้องกันน้ำท่วมฤดูฝน',
        kind: 'external',
        urgency: 'most_urgent',
        sender: { name: 'สำนักการระบายน้ำ', number: 'กท 1501/ว 88', date: '2026-05-01' },
        note: 'แจ้งฝ่ายโยธาตรวจสอบท่อระบายน้ำ',
      }),
      meeting: buildIncoming({
        subject: 'ขอเชิญประชุมคณะกรรมการพัฒนาระบบสารบรรณอิเล็กทรอนิกส์',
        kind: 'memo',
        urgency: 'normal',
      }),
      budget: buildIncoming({
        subject: 'การจัดสรรงบประมาณรายจ่ายประจำปี',
        kind: 'external',
        urgency: 'urgent',
        sender: { name: 'สำนักงบประมาณกรุงเทพมหานคร', number: 'กท 1601/123' },
      }),
    };
    for (const [name, body] of Object.entries(docs)) {
      const res = await api.post('/api/documents/incoming', body, clerk);
      expect(res.status).toBe(201);
      ids[name] = res.body.id;
      ids[`${name}:receipt`] = String(res.body.receipt.number);
    }
    const other = await api.login('clerk.phranakhon');
    const res = await api.post(
      '/api/documents/incoming',
      buildIncoming({ subject: 'ขอความร่วมมือป้องกันน้ำท่วมเขตพระนคร' }),
      other,
    );
    ids.otherUnit = res.body.id;
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('finds documents by Thai words of the subject, every word counting', async () => {
    expect(await search(`q=${encodeURIComponent('น้ำท่วม')}`)).toEqual([ids.flood]);
    expect(await search(`q=${encodeURIComponent('ขอความร่วมมือ ฤดูฝน')}`)).toEqual([ids.flood]);
    expect(await search(`q=${encodeURIComponent('ประชุมคณะกรรมการ')}`)).toEqual([ids.meeting]);
    expect(await search(`q=${encodeURIComponent('ประชุม ฤดูฝน')}`)).toEqual([]);
  });

  it('finds words of the note, the sender, and the start of a word being typed', async () => {
    expect(await search(`q=${encodeURIComponent('ท่อระบายน้ำ')}`)).toEqual([ids.flood]);
    expect(await search(`q=${encodeURIComponent('สำนักงบประมาณ')}`)).toEqual([ids.budget]);
    expect(await search(`q=${encodeURIComponent('งบประ')}`)).toEqual([ids.budget]);
  });

  it('finds by receipt number, by the sender number, by kind, urgency and stage', async () => {
    expect(await search(`number=${ids['budget:receipt']}`)).toEqual([ids.budget]);
    expect(await search(`number=${encodeURIComponent('1501/ว 88')}`)).toEqual([ids.flood]);
    expect((await search('kind=external')).sort()).toEqual([ids.flood, ids.budget].sort());
    expect(await search('urgency=most_urgent')).toEqual([ids.flood]);
    expect((await search('stage=triage')).length + (await search('stage=registered')).length).toBeGreaterThan(0);
  });

  it('filters by received day (Bangkok) and unit, newest first', async () => {
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect(await search(`from=${today}&to=${today}`)).toEqual([ids.budget, ids.meeting, ids.flood]);
    expect(await search('from=2001-01-01&to=2001-12-31')).toEqual([]);
    expect(await search('unitId=district-1011&limit=2')).toEqual([ids.budget, ids.meeting]);
  });

  it('pages with a cursor', async () => {
    const first = await api.get('/api/documents?limit=2', clerk);
    expect(first.body.items).toHaveLength(2);
    const second = await api.get(`/api/documents?limit=2&cursor=${first.body.nextCursor}`, clerk);
    expect(second.body.items.map((d: { id: string }) => d.id)).toEqual([ids.flood]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("searches only among documents the caller may see: not another unit's, yes for its overseer", async () => {
    const flood = encodeURIComponent('น้ำท่วม');
    expect(await search(`q=${flood}`)).not.toContain(ids.otherUnit);
    const overseer = await api.login('deputy.permsec1'); // oversees district-1001 (พระนคร), not ลาดกระบัง
    expect(await search(`q=${flood}`, overseer)).toEqual([ids.otherUnit]);
  });

  it('finds an outgoing draft by words of its body (indexed by its activity)', async () => {
    const staff = await api.login('staff.ladkrabang');
    const draft = await api.post(
      '/api/documents',
      buildOutgoing({ body: { recipient: 'เรียน ผู้อำนวยการเขตพระนคร', body: 'ขอความร่วมมือขุดลอกคูคลองร่วมกัน' } }),
      staff,
    );
    expect(draft.status).toBe(201);
    expect(await search(`q=${encodeURIComponent('ขุดลอก คูคลอง')}`, staff)).toEqual([draft.body.id]);
  });

  it("lists a drafter's own documents by direction, and finds a letter by its own number", async () => {
    const staff = await api.login('staff.ladkrabang');
    const mine = await search('direction=outgoing&mine=true', staff);
    expect(mine.length).toBeGreaterThan(0);
    const rows = (await system.ds.query(
      `SELECT id, direction, created_by FROM documents WHERE id IN (${mine.map(() => '?').join(',')})`,
      mine,
    )) as Array<{ direction: string; created_by: string }>;
    const [me] = (await system.ds.query("SELECT id FROM users WHERE username = 'staff.ladkrabang'")) as Array<{
      id: string;
    }>;
    expect(rows.every((r) => r.direction === 'outgoing' && r.created_by === me.id)).toBe(true);
    expect(await search('direction=incoming&mine=true', staff)).toEqual([]);
    expect(await search('direction=incoming')).toEqual(expect.arrayContaining([ids.flood, ids.meeting, ids.budget]));

    // A document made on paper (ลับที่สุด) is registered at once: found by the number it took.
    const secret = await api.post('/api/documents', buildOutgoing({ secrecy: 'top_secret' }), staff);
    expect(secret.status).toBe(201);
    const code = secret.body.number.code as string;
    expect(await search(`number=${encodeURIComponent(code)}`, staff)).toEqual([secret.body.id]);
    const hit = await api.get(`/api/documents?number=${encodeURIComponent(code)}`, staff);
    expect(hit.body.items[0].number).toMatchObject({ register: 'secret_dispatch', code });
  });

  it('answers 400 with a code for bad filters', async () => {
    const res = await api.get('/api/documents?from=2026-02-30', clerk);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect((await api.get('/api/documents?cursor=zzz', clerk)).body.error.code).toBe('INVALID_CURSOR');
  });
});

import demoOrg from '../../seed/demo-org.json';
import { seededUserId } from '../../db/seed';
import { apiClient } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { insertDocument, insertTask } from '../support/document-rows';
import { startTestSystem, type TestSystem } from '../support/system';

/**
 * The authorisation matrix: every operation of GET /api/openapi.json × every demo role (and no session) × a
 * document, task and unit of the caller's own unit, another unit and a unit the caller oversees. The expected answer
 * comes from the rule the document publishes (`x-access`) and a model of the org chart written here from the seed
 * data, not from the code under test. An operation without a declared rule fails the test.
 */
const SUBJECTS = {
  staff: 'staff.ladkrabang',
  clerk: 'clerk.ladkrabang',
  supervisor: 'head.ladkrabang',
  signer: 'director.ladkrabang',
  executive: 'deputy.permsec3',
  'paper-registrar': 'clerk.governor',
  admin: 'staff.phranakhon', // given the admin role for this test
} as const;
type Subject = keyof typeof SUBJECTS;

/** Registry units of the subjects, and what each oversees, from seed/demo-org.json (independent of api/access). */
const REGISTRY: Record<Subject, string> = {
  staff: 'district-1011',
  clerk: 'district-1011',
  supervisor: 'district-1011',
  signer: 'district-1011',
  executive: 'permsec-office',
  'paper-registrar': 'gov-office',
  admin: 'district-1001',
};
const ROLES: Record<Subject, string[]> = {
  staff: ['staff'],
  clerk: ['clerk'],
  supervisor: ['supervisor'],
  signer: ['supervisor', 'signer'],
  executive: ['executive'],
  'paper-registrar': ['clerk', 'paper-registrar'],
  admin: ['staff', 'admin'],
};
function oversees(subject: Subject, unitId: string): boolean {
  const positionId = demoOrg.users.find((u) => u.username === SUBJECTS[subject])!.positionId;
  return demoOrg.oversight.some(
    (o) => (o.kind ?? 'unit') === 'unit' && o.overseerPositionId === positionId && o.unitId === unitId,
  );
}

/** The units of the three cases: own, another one nobody here oversees, and one the executive oversees. */
const UNITS = ['district-1011', 'permsec-office', 'gov-office', 'district-1001', 'district-1003'];
function unitOf(subject: Subject, relation: Relation): string | undefined {
  if (relation === 'own') return REGISTRY[subject];
  if (relation === 'other') return subject === 'admin' ? 'district-1003' : 'district-1001';
  return UNITS.find((u) => u !== REGISTRY[subject] && oversees(subject, u));
}
type Relation = 'own' | 'other' | 'overseen';

type Expected = 'allow' | 401 | 403 | 404;
interface Operation {
  method: string;
  path: string;
  access: string;
}

function expected(op: Operation, subject: Subject | 'anonymous', relation: Relation | undefined): Expected {
  const { access } = op;
  if (access.startsWith('NONE')) return 403; // refused for everyone (and reported by the test above)
  if (access === 'public') return 'allow';
  if (subject === 'anonymous') return 401;
  if (access === 'signedIn') return 'allow';
  const roles = /roles: ([\w, -]+)$/.exec(access)?.[1].split(', ');
  const hasRole = !roles || roles.some((r) => ROLES[subject].includes(r));
  if (access.startsWith('roles:')) return hasRole ? 'allow' : 403;
  const unit = unitOf(subject, relation!)!;
  const mine = unit === REGISTRY[subject];
  if (access.startsWith('document visible')) {
    if (!(mine || oversees(subject, unit))) return 404;
    return hasRole ? 'allow' : 403;
  }
  if (access.startsWith("the caller's task")) return mine ? 'allow' : 404;
  if (access === "the caller's own registry unit") return mine ? 'allow' : 403;
  throw new Error(`no model for the rule "${access}" of ${op.method} ${op.path}`);
}

describe.each(testDatabaseKinds())('the access matrix on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  let operations: Operation[];
  const tokens = {} as Record<Subject, string>;
  const docs: Record<string, string> = {};
  const tasks: Record<string, string> = {};

  beforeAll(async () => {
    system = await startTestSystem(kind);
    api = apiClient(system.baseUrl);
    await system.ds.query('UPDATE users SET roles = ? WHERE username = ?', ['["staff","admin"]', SUBJECTS.admin]);
    for (const unitId of UNITS) {
      docs[unitId] = await insertDocument(system.ds, { unitId, createdBy: seededUserId('clerk.dept01') });
      tasks[unitId] = await insertTask(system.ds, { documentId: docs[unitId], unitId, queueRole: 'clerk' });
    }
    for (const subject of Object.keys(SUBJECTS) as Subject[]) tokens[subject] = await api.login(SUBJECTS[subject]);
    const doc = await api.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    operations = Object.entries(doc.body.paths as Record<string, Record<string, { 'x-access': string }>>).flatMap(
      ([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({
          method: method.toUpperCase(),
          path: path.replace(/\{(\w+)\}/g, ':$1'),
          access: op['x-access'],
        })),
    );
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('publishes every route the routers serve, each with a declared rule', () => {
    expect(operations.length).toBeGreaterThan(15);
    const undeclared = operations.filter((op) => op.access.startsWith('NONE')).map((op) => `${op.method} ${op.path}`);
    expect(undeclared).toEqual([]);
  });

  it('answers every endpoint × role × own, other and overseen unit as its rule says', async () => {
    const mismatches: string[] = [];
    // Sign-out ends the session the rest of the walk uses: it goes last.
    const ordered = [...operations].sort(
      (a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')),
    );
    let checked = 0;
    for (const op of ordered) {
      const hasParams = op.path.includes(':');
      for (const subject of ['anonymous', ...Object.keys(SUBJECTS)] as Array<Subject | 'anonymous'>) {
        const relations: Array<Relation | undefined> = hasParams ? ['own', 'other', 'overseen'] : [undefined];
        for (const relation of relations) {
          const unitSubject = subject === 'anonymous' ? 'staff' : subject;
          const unit = relation && unitOf(unitSubject, relation);
          if (relation && !unit) continue; // this subject oversees no unit
          const path = op.path
            .replace(/:(id|documentId)\b/g, unit ? docs[unit] : 'x')
            .replace(/:taskId\b/g, unit ? tasks[unit] : 'x')
            .replace(/:unitId\b/g, unit ?? 'x')
            .replace(/:userId\b/g, seededUserId('staff.central'))
            .replace(/:version\b/g, '1')
            .replace(/:\w+/g, 'x');
          const want = expected(op, subject, relation);
          const res = await api.request(op.method, path, {
            token: subject === 'anonymous' ? undefined : tokens[subject],
            ...(['POST', 'PUT', 'PATCH'].includes(op.method) ? { body: {} } : {}),
          });
          checked++;
          // Only a document or task rule makes the access middleware answer 404; other 404s are the handler's.
          const objectRule = /^(document visible|the caller's task)/.test(op.access);
          const denied = [401, 403].includes(res.status) || (objectRule && isAccessNotFound(res));
          const ok =
            res.status < 500 &&
            (want === 'allow' ? !denied : res.status === want && typeof res.body?.error?.code === 'string');
          if (!ok)
            mismatches.push(
              `${op.method} ${op.path} as ${subject}${relation ? ` (${relation} unit)` : ''}: want ${want}, got ${res.status} ${JSON.stringify(res.body?.error ?? '').slice(0, 120)}`,
            );
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });
});

/** The access middleware's own 404 (a handler's 404 for a sub-resource says what is missing). */
function isAccessNotFound(res: { status: number; body: any }): boolean {
  return res.status === 404 && /^(Not found|No such task)/.test(String(res.body?.error?.message ?? ''));
}

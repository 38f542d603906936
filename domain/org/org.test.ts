import fc from 'fast-check';
import demo from '../../seed/demo-org.json';
import {
  actingFor,
  actorOf,
  chainOfCommand,
  collapseRepeatedActors,
  executives,
  holderOf,
  overseerOfUnit,
  paperRegistrarFor,
  positionsActedBy,
  registryUnitOf,
  supervisorOf,
  unitAndDescendants,
  unitsOverseenBy,
  type OrgSnapshot,
} from '../org';

const org = demo as unknown as OrgSnapshot;
const ids = (chain: ReturnType<typeof chainOfCommand>) => chain.map((s) => s.position.id);

describe('registryUnitOf', () => {
  it.each([
    ['district-1011-admin', 'district-1011', 'สำนักงานเขตลาดกระบัง', 'กท 9511'],
    ['district-1011', 'district-1011', 'สำนักงานเขตลาดกระบัง', 'กท 9511'],
    ['secretariat-central', 'secretariat', 'สำนักงานเลขานุการปลัดกรุงเทพมหานคร', 'กท 0403'],
    ['dept-01', 'dept-01', 'สำนักการแพทย์', 'กท 9101'],
  ])('registers %s’s documents in %s', (unitId, registryId, name, letterCode) => {
    expect(registryUnitOf(unitId, org)).toMatchObject({ id: registryId, name, letterCode });
  });

  it('refuses an unknown unit', () => {
    expect(() => registryUnitOf('nowhere', org)).toThrow(RangeError);
  });

  it('lists a district with its sections', () => {
    expect(unitAndDescendants('district-1011', org).map((u) => u.id)).toEqual([
      'district-1011',
      'district-1011-admin',
      'district-1011-civil',
      'district-1011-works',
      'district-1011-order',
      'district-1011-finance',
    ]);
  });
});

describe('chainOfCommand', () => {
  it('climbs from a Lat Krabang officer to the Governor (domain.md §4)', () => {
    const chain = chainOfCommand({ fromPositionId: 'district-1011-admin-staff', date: '2024-05-01' }, org);
    expect(ids(chain)).toEqual([
      'district-1011-admin-head',
      'district-1011-assistant',
      'district-1011-director',
      'deputy-permsec-3',
      'permsec',
      'governor',
    ]);
    expect(chain.map((s) => s.holder?.username)).toEqual([
      'head.ladkrabang',
      'assistant.ladkrabang',
      'director.ladkrabang',
      'deputy.permsec3',
      'permsec',
      'governor',
    ]);
    expect(chain.every((s) => s.acting === undefined)).toBe(true);
  });

  it('passes through the Deputy Governor holding the portfolio', () => {
    const chain = chainOfCommand(
      { fromPositionId: 'district-1011-director', date: '2024-05-01', portfolio: 'การคลังและงบประมาณ' },
      org,
    );
    expect(ids(chain)).toEqual(['deputy-permsec-3', 'permsec', 'deputy-governor-4', 'governor']);
  });

  it('shows the assistant director acting as director during the leave of 1-10 Apr 2024', () => {
    const step = (date: string) =>
      chainOfCommand({ fromPositionId: 'district-1011-admin-head', date, upToLevel: 5 }, org).at(-1);
    expect(step('2024-04-01')?.acting).toEqual({
      user: expect.objectContaining({ username: 'assistant.ladkrabang' }),
      kind: 'รักษาราชการแทน',
    });
    expect(step('2024-04-10')?.acting?.kind).toBe('รักษาราชการแทน');
    expect(step('2024-03-31')?.acting).toBeUndefined();
    expect(step('2024-04-11')?.acting).toBeUndefined();
  });

  it('stops at a level or a position', () => {
    expect(
      ids(chainOfCommand({ fromPositionId: 'district-1011-admin-staff', date: '2024-05-01', upToLevel: 5 }, org)),
    ).toEqual(['district-1011-admin-head', 'district-1011-assistant', 'district-1011-director']);
    expect(
      ids(
        chainOfCommand(
          { fromPositionId: 'district-1011-admin-staff', date: '2024-05-01', upToPositionId: 'permsec' },
          org,
        ),
      ).at(-1),
    ).toBe('permsec');
    expect(() =>
      chainOfCommand(
        { fromPositionId: 'district-1011-admin-staff', date: '2024-05-01', upToPositionId: 'dept-01-director' },
        org,
      ),
    ).toThrow(RangeError);
  });

  it('follows the oversight order in force on the day', () => {
    const reassigned: OrgSnapshot = {
      ...org,
      oversight: [
        ...org.oversight.map((o) => (o.unitId === 'district-1011' ? { ...o, to: '2024-12-31' } : o)),
        { unitId: 'district-1011', overseerPositionId: 'deputy-permsec-1', from: '2025-01-01', to: null },
      ],
    };
    const overseer = (date: string) => overseerOfUnit('district-1011-admin', date, reassigned)?.id;
    expect(overseer('2024-12-31')).toBe('deputy-permsec-3');
    expect(overseer('2025-01-01')).toBe('deputy-permsec-1');
    expect(
      ids(chainOfCommand({ fromPositionId: 'district-1011-director', date: '2025-06-01', upToLevel: 4 }, reassigned)),
    ).toEqual(['deputy-permsec-1']);
  });

  it('goes from the secretariat to the Permanent Secretary, whose office it is part of', () => {
    expect(ids(chainOfCommand({ fromPositionId: 'secretariat-officer', date: '2024-05-01' }, org))).toEqual([
      'secretariat-central-head',
      'secretariat-director',
      'permsec',
      'governor',
    ]);
  });

  it('applies a delegation only to the matters it names', () => {
    const permsecStep = (matter?: string) =>
      chainOfCommand(
        { fromPositionId: 'dept-01-director', date: '2024-05-01', upToPositionId: 'permsec', matter },
        org,
      ).at(-1);
    expect(permsecStep('invitation')?.acting).toMatchObject({
      kind: 'ปฏิบัติราชการแทน',
      user: { username: 'deputy.permsec1' },
    });
    expect(permsecStep('report')?.acting?.kind).toBe('ปฏิบัติราชการแทน');
    expect(permsecStep('procurement')?.acting).toBeUndefined();
    expect(permsecStep()?.acting).toBeUndefined();
  });

  it('can drop a second step taken by the same person', () => {
    // dept-01 is overseen by deputy-permsec-1, who also signs invitations for the Permanent Secretary.
    const chain = chainOfCommand(
      { fromPositionId: 'dept-01-director', date: '2024-05-01', upToPositionId: 'permsec', matter: 'invitation' },
      org,
    );
    expect(chain.map((s) => actorOf(s)?.username)).toEqual(['deputy.permsec1', 'deputy.permsec1']);
    expect(ids(collapseRepeatedActors(chain))).toEqual(['permsec']);
  });

  it('climbs strictly upwards from every position on any day, to the Governor', () => {
    const dates = fc.constantFrom('2023-12-22', '2024-04-05', '2024-05-01', '2026-11-25');
    fc.assert(
      fc.property(fc.constantFrom(...org.positions), dates, (position, date) => {
        const chain = chainOfCommand({ fromPositionId: position.id, date }, org);
        const levels = [position.level, ...chain.map((s) => s.position.level)];
        levels.slice(1).forEach((level, i) => expect(level).toBeLessThan(levels[i]));
        expect(chain.at(-1)?.position.id ?? position.id).toBe('governor');
      }),
      { numRuns: 300 },
    );
  });
});

describe('holders, supervisors and executives', () => {
  it.each([
    ['district-1011-director', '2024-04-05', undefined, 'assistant.ladkrabang'],
    ['district-1011-director', '2024-04-11', undefined, 'director.ladkrabang'],
    ['permsec', '2024-05-01', 'invitation', 'deputy.permsec1'],
    ['permsec', '2024-05-01', 'general', 'permsec'],
    ['permsec', '2024-05-01', undefined, 'permsec'],
    ['permsec', '2023-09-30', 'invitation', 'permsec'],
  ])('%s on %s for %s is held by %s', (positionId, date, matter, username) => {
    expect(holderOf(positionId, date, org, matter)?.username).toBe(username);
  });

  it('says which positions a user acts for', () => {
    expect(positionsActedBy('assistant.ladkrabang', '2024-04-05', org)).toEqual([
      'district-1011-assistant',
      'district-1011-director',
    ]);
    expect(positionsActedBy('assistant.ladkrabang', '2024-04-20', org)).toEqual(['district-1011-assistant']);
    expect(actingFor('district-1011-director', '2024-04-20', org)).toBeUndefined();
  });

  it.each([
    ['district-1011-admin-clerk', 'district-1011-admin-head'],
    ['district-1011-admin-head', 'district-1011-assistant'],
    ['district-1011-director', 'deputy-permsec-3'],
    ['deputy-permsec-3', 'permsec'],
    ['deputy-governor-1', 'governor'],
    ['permsec', 'governor'],
  ])('the supervisor of %s is %s', (positionId, supervisorId) => {
    expect(supervisorOf(positionId, '2024-05-01', org)?.position.id).toBe(supervisorId);
  });

  it('gives the Governor no supervisor', () => {
    expect(supervisorOf('governor', '2024-05-01', org)).toBeUndefined();
  });

  it('lists the ten executives, Governor first', () => {
    const list = executives(org);
    expect(list).toHaveLength(10);
    expect(list[0].id).toBe('governor');
    expect(new Set(list.map((p) => p.title))).toEqual(
      new Set(['ผู้ว่าราชการกรุงเทพมหานคร', 'รองผู้ว่าราชการกรุงเทพมหานคร', 'ปลัดกรุงเทพมหานคร', 'รองปลัดกรุงเทพมหานคร']),
    );
  });

  it('lists the units a Deputy Permanent Secretary oversees', () => {
    const units = unitsOverseenBy('deputy-permsec-3', '2024-05-01', org).map((u) => u.id);
    expect(units).toContain('district-1011');
    expect(units).not.toContain('deputy-permsec-3');
    expect(unitsOverseenBy('deputy-permsec-3', '2023-09-30', org)).toEqual([]);
  });

  it.each([
    ['permsec', 'clerk.permsec'],
    ['deputy-permsec-2', 'clerk.central'],
    ['governor', 'clerk.governor'],
    ['deputy-governor-3', 'clerk.governor'],
  ])('the paper of %s is registered by %s', (positionId, username) => {
    expect(paperRegistrarFor(positionId, org)?.username).toBe(username);
  });
});

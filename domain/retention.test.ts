import {
  DESTRUCTION_STEPS,
  defaultRetentionPolicy,
  destructionSchedule,
  isValidDestructionCommittee,
  mayProposeDestruction,
  retentionClassLabel,
} from './retention';

describe('retention and destruction', () => {
  it.each([
    ['2023-12-25', 'standard', '2033-12-25', 2577, '2034-01-01', '2034-03-01'],
    ['2023-12-25', 'routine', '2024-12-25', 2568, '2025-01-01', '2025-03-01'],
    ['2023-01-01', 'routine', '2024-01-01', 2567, '2024-01-01', '2024-02-29'],
    ['2023-01-02', 'routine', '2024-01-02', 2568, '2025-01-01', '2025-03-01'],
    ['2024-02-29', 'routine', '2025-02-28', 2569, '2026-01-01', '2026-03-01'],
    ['2026-06-15', 'routine', '2027-06-15', 2571, '2028-01-01', '2028-02-29'],
  ] as const)(
    'kept from %s as %s: runs out %s, listed in BE %i between %s and %s',
    (keptFrom, retention, expiresOn, beYear, listFrom, listBy) => {
      expect(destructionSchedule({ keptFrom, retention })).toEqual({
        expiresOn,
        proposeInBeYear: beYear,
        listFrom,
        listBy,
      });
    },
  );

  it('never schedules a permanent document', () => {
    expect(destructionSchedule({ keptFrom: '2023-12-25', retention: 'permanent' })).toBeNull();
    expect(destructionSchedule({ keptFrom: '2023-12-25', retention: 'permanent', years: 1 })).toBeNull();
    expect(mayProposeDestruction({ keptFrom: '1990-01-01', retention: 'permanent', beYear: 2600 })).toBe(false);
  });

  it('takes a law’s period and the policy as configuration', () => {
    expect(destructionSchedule({ keptFrom: '2023-12-25', retention: 'by_law', years: 5 })?.proposeInBeYear).toBe(2572);
    const policy = { ...defaultRetentionPolicy(), years: { ...defaultRetentionPolicy().years, standard: 20 } };
    expect(destructionSchedule({ keptFrom: '2023-12-25', retention: 'standard', policy })?.expiresOn).toBe(
      '2043-12-25',
    );
  });

  it('says from which year a document may be proposed', () => {
    expect(mayProposeDestruction({ keptFrom: '2023-12-25', retention: 'standard', beYear: 2576 })).toBe(false);
    expect(mayProposeDestruction({ keptFrom: '2023-12-25', retention: 'standard', beYear: 2577 })).toBe(true);
  });

  it('needs a chair and two members on the committee', () => {
    expect(isValidDestructionCommittee({ chair: 'ก', members: ['ข', 'ค'] })).toBe(true);
    expect(isValidDestructionCommittee({ chair: 'ก', members: ['ข'] })).toBe(false);
    expect(isValidDestructionCommittee({ chair: 'ก', members: ['ก', 'ข'] })).toBe(false);
    expect(isValidDestructionCommittee({ chair: '', members: ['ข', 'ค', 'ง'] })).toBe(false);
  });

  it('destroys only after the list, the committee and the National Archives', () => {
    expect(DESTRUCTION_STEPS.map((s) => s.id)).toEqual(['list', 'committee', 'archives', 'destroy']);
    expect(retentionClassLabel('standard')).toContain('๑๐ ปี');
  });
});

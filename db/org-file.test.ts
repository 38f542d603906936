import demo from '../seed/demo-org.json';
import { checkOrgFile, jsonPath } from './org-file';

type Org = Record<'units' | 'positions' | 'users' | 'oversight' | 'acting', Array<Record<string, unknown>>>;
const copy = () => structuredClone(demo) as unknown as Org;
const problemsOf = (org: Org) => checkOrgFile(org).problems.map((p) => `${p.path}: ${p.message}`);

describe('checkOrgFile', () => {
  it('accepts the demo organisation as it is', () => {
    expect(checkOrgFile(demo).problems).toEqual([]);
  });

  it('finds a loop of position-to-position oversight orders', () => {
    const org = copy();
    org.oversight.push(
      { unitId: 'governor', overseerPositionId: 'permsec', kind: 'position', from: '2024-01-01', to: null },
      { unitId: 'permsec', overseerPositionId: 'governor', kind: 'position', from: '2024-01-01', to: null },
    );
    expect(problemsOf(org)).toEqual([
      expect.stringMatching(/^oversight\[\d+\]: cycle in the chain of command \(positions\): .*governor.*permsec/),
    ]);
  });

  it('refuses a letter code two registry units share, and a dated row listed twice', () => {
    const org = copy();
    org.units[6].letterCode = org.units[7].letterCode;
    org.acting.push({ ...org.acting[0] });
    expect(problemsOf(org)).toEqual([
      `acting[${org.acting.length - 1}].from: duplicate acting appointment "${[org.acting[0].positionId, org.acting[0].actingUsername, org.acting[0].kind, org.acting[0].from].join(' ')}" (also acting[0])`,
      `units[7].letterCode: letter code "${String(org.units[7].letterCode)}" also belongs to units[6] (dept-01)`,
    ]);
  });

  it('names the path of shape problems: a missing field, an unknown one, a bad date, a portfolio without a name', () => {
    const org = copy();
    delete org.positions[0].title;
    org.users[1].nickname = 'x';
    org.oversight[0].from = '2024-02-30';
    org.oversight[1].kind = 'portfolio';
    expect(problemsOf(org)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^positions\[0\]\.title: /),
        expect.stringMatching(/^users\[1\]: .*nickname/),
        'oversight[0].from: not a calendar date',
        'oversight[1].portfolio: a portfolio order names its portfolio, and only it',
      ]),
    );
    expect(checkOrgFile([]).problems).toEqual([{ path: '(the file)', message: expect.any(String) }]);
    expect(jsonPath(['units', 3, 'name'])).toBe('units[3].name');
  });
});

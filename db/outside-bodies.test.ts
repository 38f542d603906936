import { directoryQueryTerm, directorySearchText } from './outside-bodies';

/** A LIKE '%\n<term>%' as the directory search runs it, evaluated here on the stored text. */
const matches = (name: string, q: string) =>
  directorySearchText(name).includes(`\n${directoryQueryTerm(q).replace(/!(.)/g, '$1')}`);

describe('directorySearchText', () => {
  it.each([
    ['กรมการปกครอง', 'กรม', true],
    ['กรมการปกครอง', 'ปกครอง', true],
    ['กรมการปกครอง', 'การปกครอง', true],
    ['กรมการปกครอง', 'ครอง', false],
    ['กรมส่งเสริมการปกครองท้องถิ่น', 'ท้องถิ่น', true],
    ['บริษัท ไปรษณีย์ไทย จำกัด', 'ไปรษณีย์ไทย', true],
    ['บริษัท ไปรษณีย์ไทย จำกัด', 'บริษัทไปรษณีย์', true],
    ['Electronic Transactions Development Agency', 'trans', true],
    ['Electronic Transactions Development Agency', 'actions', false],
  ])('%s matches "%s": %s', (name, q, expected) => {
    expect(matches(name, q)).toBe(expected);
  });

  it('escapes the wildcards of LIKE in a query, with ! as the escape character', () => {
    expect(directoryQueryTerm('100% _x!')).toBe('100!%!_x!!');
  });
});

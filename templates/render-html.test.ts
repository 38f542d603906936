import { stampUnitPoints } from './render-html';

describe('the unit name on the receipt stamp', () => {
  it('keeps the stamp size for a district and shrinks a long name so all of it fits on its line', () => {
    expect(stampUnitPoints('สำนักงานเขตลาดกระบัง')).toBe(15);
    // 30 letters wide once the marks above and below are left out: 15 × 24 / 30.
    expect(stampUnitPoints('สำนักงานเลขานุการปลัดกรุงเทพมหานคร')).toBeCloseTo(12, 5);
    expect(stampUnitPoints('ก'.repeat(200))).toBe(9);
  });
});

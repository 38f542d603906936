import { passwordProblem } from './passwords';

describe('passwordProblem', () => {
  const dev = { production: false, demoPassword: 'saraban-demo' };
  const prod = { production: true, demoPassword: 'another-demo-pass' };

  it.each([
    ['a password that contains the username', 'xxsomchai.k2026!', 'somchai.k', dev, /username/],
    ['too few different characters', 'aaaaaaaaabbb', 'somchai.k', dev, /different/],
    ['the shipped demo password in production', 'saraban-demo', 'somchai.k', prod, /demo/],
    ['the configured demo password in production', 'another-demo-pass', 'somchai.k', prod, /demo/],
  ])('refuses %s', (_title, password, username, o, message) => {
    expect(passwordProblem(password, username, o)).toMatch(message);
  });

  it.each([
    ['a long varied password', 'ลาดกระบัง-2569-ตรวจ', 'somchai.k', prod],
    ['the demo password outside production', 'saraban-demo', 'somchai.k', dev],
  ])('accepts %s', (_title, password, username, o) => {
    expect(passwordProblem(password, username, o)).toBeUndefined();
  });
});

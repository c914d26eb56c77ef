import { browserCommand } from '../../../src/demo/open-browser';

describe('browserCommand (the demo opens the explorer only on a desktop)', () => {
  it('opens nothing when output is not a terminal, or under CI', () => {
    expect(browserCommand({ DISPLAY: ':0' }, 'linux', false)).toBeUndefined();
    expect(browserCommand({ DISPLAY: ':0', CI: 'true' }, 'linux', true)).toBeUndefined();
  });
  it('uses xdg-open on a Linux desktop only', () => {
    expect(browserCommand({ DISPLAY: ':0' }, 'linux', true)).toEqual(['xdg-open']);
    expect(browserCommand({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux', true)).toEqual(['xdg-open']);
    expect(browserCommand({}, 'linux', true)).toBeUndefined();
  });
  it("uses the platform's opener on macOS and Windows", () => {
    expect(browserCommand({}, 'darwin', true)).toEqual(['open']);
    expect(browserCommand({}, 'win32', true)?.[0]).toBe('cmd');
  });
});

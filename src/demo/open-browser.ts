import { spawn } from 'node:child_process';

/**
 * The command that opens a URL in the desktop's browser, or undefined where there is no desktop
 * to open it on (a server, a container, CI, output not to a terminal): there the banner's URL is
 * all the person needs.
 */
export function browserCommand(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  interactive: boolean = process.stdout.isTTY === true,
): readonly string[] | undefined {
  if (!interactive || env.CI !== undefined) return undefined;
  if (platform === 'darwin') return ['open'];
  if (platform === 'win32') return ['cmd', '/c', 'start', '""'];
  const desktop = (env.DISPLAY ?? '') !== '' || (env.WAYLAND_DISPLAY ?? '') !== '';
  return desktop ? ['xdg-open'] : undefined;
}

/** Opens `url` in the browser when there is one; never fails the demo if it cannot. */
export function openInBrowser(url: string, env: NodeJS.ProcessEnv): boolean {
  const command = browserCommand(env);
  if (command === undefined) return false;
  const [file, ...args] = command as [string, ...string[]];
  try {
    const child = spawn(file, [...args, url], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

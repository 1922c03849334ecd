// Installs Debian packages with apt-get (as root, else through sudo), for the scripts that make
// sure a browser or a desktop tool is on this machine. Another apt-get may hold the dpkg lock
// (a parallel install): wait for it rather than fail.
import { execFileSync } from 'node:child_process';

export function aptInstall(packages, extra = []) {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const run = (args) => {
    const [cmd, ...rest] = asRoot ? args : ['sudo', ...args];
    execFileSync(cmd, rest, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  };
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  console.log(`Installing Debian ${packages.join(', ')} (apt-get) …`);
  run(['apt-get', ...lock, 'update', '-q']);
  run(['apt-get', ...lock, 'install', '-y', '-q', ...extra, ...packages]);
}

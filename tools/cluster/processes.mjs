// Background processes of the local cluster: started detached with their
// output in logs/<name>.log and their pid in pids/<name>.pid.
import { spawn } from 'node:child_process';
import { fs, path, sleep } from 'zx';
import { paths } from './settings.mjs';

const pidFile = (name) => path.join(paths.pids, `${name}.pid`);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The pid of a running component started by us, or undefined. The pid file may
 * outlive its process (killed from outside, machine restarted), and the number
 * may since belong to another program, so the command line must name the
 * component too.
 */
export async function runningPid(name) {
  const file = pidFile(name);
  if (!(await fs.pathExists(file))) return undefined;
  const pid = Number(await fs.readFile(file, 'utf8'));
  if (!Number.isInteger(pid) || !alive(pid)) return undefined;
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.split('\0').some((arg) => path.basename(arg) === name) ? pid : undefined;
}

/** Starts a component unless it already runs; returns true when it was started now. */
export async function startProcess(name, command, args, env = {}) {
  if (await runningPid(name)) return false;
  await fs.ensureDir(paths.logs);
  await fs.ensureDir(paths.pids);
  const log = fs.openSync(path.join(paths.logs, `${name}.log`), 'a');
  const child = spawn(command, args, { detached: true, stdio: ['ignore', log, log], env: { ...process.env, ...env } });
  fs.closeSync(log);
  await fs.writeFile(pidFile(name), String(child.pid));
  child.unref();
  return true;
}

/** Stops a component: SIGTERM, then SIGKILL after a grace period. */
export async function stopProcess(name, graceMs = 10_000) {
  const pid = await runningPid(name);
  if (pid) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (alive(pid) && Date.now() < deadline) await sleep(100);
    if (alive(pid)) process.kill(pid, 'SIGKILL');
    while (alive(pid)) await sleep(50);
  }
  await fs.remove(pidFile(name));
}

/** Polls until check() resolves truthy, printing what is awaited and the time spent. */
export async function waitFor(what, check, { timeoutMs = 120_000, intervalMs = 500, log = console.log } = {}) {
  const started = Date.now();
  let lastError;
  let lastReport = 0;
  while (Date.now() - started < timeoutMs) {
    try {
      if (await check()) {
        log(`  ${what}: ok after ${((Date.now() - started) / 1000).toFixed(1)}s`);
        return;
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      if (lastReport - started > 1000) log(`  waiting for ${what} (${Math.round((Date.now() - started) / 1000)}s)`);
    }
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${lastError ? `: ${lastError.message}` : ''}; see ${paths.logs}`);
}

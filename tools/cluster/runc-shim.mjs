// Some sandboxes (this CI machine among them) run root without
// CAP_SYS_RESOURCE, so a container may not lower its oom_score_adj and runc
// dies while starting any pod the kubelet marks -998 or -997. There, runc is
// wrapped to clamp negative scores to 0; elsewhere the real runc is used.
import { $, fs, path } from 'zx';
import { paths } from './settings.mjs';

const WRAPPER = `#!/bin/sh
# Clamp negative oomScoreAdj in the OCI bundle or exec process file, then run runc.
clamp() { [ -f "$1" ] && sed -i -E 's/"oomScoreAdj":-[0-9]+/"oomScoreAdj":0/' "$1"; }
prev=""
for arg in "$@"; do
  case "$prev" in
    --bundle|-b) clamp "$arg/config.json" ;;
    --process|-p) clamp "$arg" ;;
  esac
  prev="$arg"
done
exec RUNC "$@"
`;

async function canLowerOomScore() {
  const { exitCode } = await $`sh -c 'echo -1 > /proc/self/oom_score_adj'`.nothrow().quiet();
  return exitCode === 0;
}

/** Returns the runc binary containerd should call. */
export async function runcBinary() {
  const runc = (await $`command -v runc`.quiet()).stdout.trim();
  if (await canLowerOomScore()) return runc;
  const wrapper = path.join(paths.binLinks, 'runc');
  await fs.ensureDir(paths.binLinks);
  await fs.writeFile(wrapper, WRAPPER.replace('RUNC', runc), { mode: 0o755 });
  return wrapper;
}

#!/usr/bin/env bash
# Resident memory per mapping of a command at its exit (from /proc/PID/smaps at a gdb breakpoint
# on exit), largest first: where a ratecard process's RSS is.
# Usage: scripts/rss-at-exit.sh .build/release/ratecard rates --db rates.sqlite --limit 1
set -euo pipefail
gdb -q -batch -ex 'set breakpoint pending on' -ex 'break exit' -ex run -ex 'python
import gdb, re
pid = gdb.selected_inferior().pid
rss, name = {}, None
for line in open("/proc/%d/smaps" % pid).read().splitlines():
    if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
        parts = line.split()
        name = parts[5] if len(parts) > 5 else "[anon]"
    elif line.startswith("Rss:"):
        rss[name] = rss.get(name, 0) + int(line.split()[1])
for k, v in sorted(rss.items(), key=lambda x: -x[1])[:15]:
    print("%8d KiB %s" % (v, k))
print("%8d KiB total" % sum(rss.values()))
' --args "$@" 2>&1 | grep -E "KiB"

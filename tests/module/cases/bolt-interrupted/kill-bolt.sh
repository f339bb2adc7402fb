#!/bin/sh
# A training test that, when the file $1 exists, removes it and kills (SIGKILL) the
# "pgo-helper bolt" it runs under, as an OOM killer or a closed terminal would.  Under the
# instrumented tree's "pgo-helper train" it does nothing.
[ -e "$1" ] || exit 0
p=$$
while [ "$p" -gt 1 ]; do
  p=$(sed 's/^.*) [A-Za-z] \([0-9]*\) .*$/\1/' "/proc/$p/stat")
  if tr '\0' ' ' <"/proc/$p/cmdline" | grep -q 'pgo-helper bolt '; then
    rm -f "$1"
    kill -KILL "$p"
    exit 0
  fi
done
exit 0

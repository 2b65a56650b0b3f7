#!/bin/sh
# install.sh: `make install PREFIX DESTDIR` puts every command and its man
# page in place, and the installed command runs.
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
status=0
make -s -C "$top" install PREFIX=/opt/pr DESTDIR="$tmp" > "$tmp/log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then echo "FAIL install: make install exit $rc"; cat "$tmp/log"; exit 1; fi
for c in "$top"/cmd/*.c; do
	t=$(basename "$c" .c)
	if [ -x "$tmp/opt/pr/bin/$t" ] && [ -f "$tmp/opt/pr/share/man/man1/$t.1" ] &&
	    "$tmp/opt/pr/bin/$t" --version | grep -q "^$t "; then
		echo "ok install: $t and its man page"
	else
		echo "FAIL install: $t"; status=1
	fi
done
exit $status

#!/bin/sh
# install.sh BINDIR: `make install PREFIX DESTDIR` puts every command and
# its man page in place, and the installed command runs.  (BINDIR is only
# what every suite is given: make install builds what it installs.)
suite=install
. "$(dirname "$0")/lib.sh"
make -s -C "$top" install PREFIX=/opt/pr DESTDIR="$tmp" > "$tmp/log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
	check "make install" 1 "exit $rc"
	sed 's/^/# /' "$tmp/log"
	finish
fi
for c in "$top"/cmd/*.c; do
	t=$(basename "$c" .c)
	[ -x "$tmp/opt/pr/bin/$t" ] && [ -f "$tmp/opt/pr/share/man/man1/$t.1" ] &&
	    "$tmp/opt/pr/bin/$t" --version | grep -q "^$t "
	check "$t and its man page" $?
done
finish

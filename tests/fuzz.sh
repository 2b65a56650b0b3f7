#!/bin/sh
# fuzz.sh BINDIR: replays every harness of tests/fuzz (built by make
# fuzz-replay into build/fuzzers) on its corpus, saved crash inputs
# included (tests/fuzz/corpus.sh), each input once under ASan and UBSan:
# "ok fuzz: NAME: N inputs replayed", or FAIL with the first report.
suite=fuzz
. "$(dirname "$0")/lib.sh"
. tests/fuzz/corpus.sh
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for src in tests/fuzz/*.c; do
	name=${src##*/} name=${name%.c}
	case $name in fuzz|driver) continue ;; esac
	mkdir "$tmp/$name"
	fuzz_corpus "$name" "$tmp/$name"
	n=$(ls "$tmp/$name" | wc -l)
	"$bin/$name" "$tmp/$name"/* > "$tmp/$name.log" 2>&1
	st=$?
	ran=$(grep -c '^Executed ' "$tmp/$name.log")
	[ $st -eq 0 ] && [ "$ran" -eq "$n" ] && [ "$n" -gt 0 ]
	check "$name: $n inputs replayed" $? "status $st, $ran of $n run; \
$(grep '^Running: ' "$tmp/$name.log" | tail -n 1): $(grep -m 1 -e ERROR: \
    -e 'runtime error' -e 'check failed' "$tmp/$name.log")"
done
finish

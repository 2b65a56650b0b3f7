#!/bin/sh
# parallel.sh BINDIR: the README's GNU parallel recipes ("Splitting a
# review over machines") run over ssh, on two "hosts" that are two users
# of this machine behind an sshd of the test's own on 127.0.0.1
# (tests/scale/hosts.sh); BINDIR is poreview installed where the workers
# read it (tests/scale/run.sh: make install PREFIX=...).  The submitting
# host is root in a folder of its own: it parses, sends the shards, and
# runs the reduce (with the ledger) and po-sheet.
#
# The sample batch, against a ledger of the sample history, in chunks of
# the record stream of 22k at most (--pipe --recstart) and four shards of the
# files (--transferfile, --return): the reduce is the same bytes as plain
# po-check, and po-sheet's workbook and --per department's workbooks of
# it the same as those of the plain review.  10,000 generated orders under
# a catalog whose weeks fill, split 4 ways: by chunks, with one task that
# fails once and one whose ssh session is killed mid-task, recovered by
# --retries; by shards, with one task that fails and one whose worker
# process is killed, the reduce then refused, and --resume-failed running
# those two again: the same bytes as one run each time.  The four sample
# survey exports, one csat-sum --partial task each (one failing once,
# --retries), merged here: the one-run workbook, byte for byte.  Needs
# root.
suite=scale-parallel
. "$(dirname "$0")/../lib.sh"
. "$top/scale/common.sh"	# lib.sh took tests/ for the project
. "$top/tests/scale/hosts.sh"
scale_down() { hosts_down; }

require "root, with parallel, rsync, ssh and sshd (make test-scale)" \
    parallel rsync ssh /usr/sbin/sshd tar
hosts_up 2> "$tmp/err"
ok=$?
if [ $ok = 0 ]; then
	for w in 1 2; do
		[ "$(ssh -F "$ssh_dir/config" w$w 'id -un; command -v po-check')" = \
		    "$(printf 'poworker%s\n%s' $w "$bin/po-check")" ] || ok=1
	done 2>> "$tmp/err"
fi
check "two ssh hosts on 127.0.0.1:$SCALE_SSH_PORT, poworker1 and poworker2, poreview on their PATH" \
    $ok "$(cat "$tmp/err" "$ssh_dir/sshd.log" 2> /dev/null)"
[ $ok = 0 ] || finish
ssh="ssh -F $ssh_dir/config"
batches

# by_chunks DIR BLOCK FAULT: the README's first recipe, chunks of one
# stream of at most BLOCK bytes cut where an order starts (FAULT put before
# po-check on the workers)
by_chunks() {
	(cd "$1" && rm -rf parts && mkdir parts &&
	    po-parse --files-from list |
	    timeout 600 parallel --ssh "$ssh" -S w1,w2 \
	    --bf catalog.xml --bf rules.xml \
	    --pipe --header '.*\n' --block $2 --regexp --recstart '^order\t' \
	    --retries 3 --joblog map.log --results 'parts/{#}.part' \
	    $3 po-check --map --part '{#}' $R > /dev/null &&
	    po-check --reduce $R $L -o reviewed.tsv parts/*.part) \
	    > "$tmp/err" 2>&1 ||
	    # said with the check that fails: the joblog, and how each part
	    # ends (once in three runs a part came back cut, the reduce
	    # refusing it; not yet seen again)
	    (cd "$1" && cat map.log && for f in parts/*; do
		printf '%s: %s bytes, its last line %.60s\n' "$f" \
		    "$(wc -c < "$f")" "$(tail -n 1 "$f")"
	    done) >> "$tmp/err" 2>&1
}

# make_shards DIR: four shards of DIR/list, each a tar of its orders
make_shards() {
	(cd "$1" && rm -f shard.* && split -n l/4 list shard. &&
	    for s in shard.a?; do tar -czf $s.tgz -T $s || exit; done)
}

# by_shards DIR FAULT [OPTION...]: the README's second recipe, the four
# shards sent and parsed where they are mapped; the map only (the reduce
# is the caller's)
by_shards() {
	d=$1 f=$2
	shift 2
	(cd "$d" && timeout 600 parallel --ssh "$ssh" -S w1,w2 \
	    --bf catalog.xml --bf rules.xml --tf {} --return {.}.part \
	    --cleanup --joblog map.log "$@" \
	    "set -o pipefail; mkdir {.}.d && tar -xzf {} -C {.}.d &&
	    (cd {.}.d && tar -tzf ../{} | po-parse --files-from -) |
	    $f po-check --map --part {#}/4 $R -o {.}.part
	    st=\$?; rm -rf {.}.d; exit \$st" ::: shard.a?.tgz) \
	    > "$tmp/err" 2>&1
}

# kill_hung N HOW: in the background, once the task N hangs (flaky hang),
# kill its ssh session (HOW=session: the sshd process serving it, then the
# task) or its process (HOW=process), as a worker lost mid-task
kill_hung() {
	(i=0
	while [ ! -s "$fault/flags/$1.pid" ] && [ $i -lt 600 ]; do
		sleep 0.2; i=$((i + 1))
	done
	p=$(cat "$fault/flags/$1.pid" 2> /dev/null) || exit
	if [ "$2" = session ]; then
		s=$(session_of "$p")
		case $(ps -o args= -p "$s") in
		sshd:*) kill -KILL "$s" && echo "$s" > "$fault/flags/$1.session" ;;
		esac
	fi
	kill -KILL "$p" && echo "$p" > "$fault/flags/$1.killed") &
}

# the sample batch
R=$R_samples L=$L_samples
plain "$run" "sample batch"
by_chunks "$run" 22k ""
same "$run" reviewed.tsv \
    "sample batch, --pipe --recstart over w1 and w2: the reduce = po-check"
[ "$(ls "$run"/parts/*.part | wc -l)" -ge 3 ] &&
    [ "$(awk -F '\t' 'NR > 1 { print $2 }' "$run/map.log" | sort -u |
    tr '\n' ' ')" = "w1 w2 " ]
check "sample batch: parts of at most 22k, mapped on both hosts (map.log)" $? \
    "$(ls "$run/parts"; cat "$run/map.log")"
sheets "$run" reviewed \
    "sample batch: po-sheet and --per department of the reduce = of po-check" --per
rm -f "$run"/reviewed.tsv
make_shards "$run" && by_shards "$run" "" --retries 3
(cd "$run" && po-check --reduce $R $L -o reviewed.tsv shard.a?.part) \
    >> "$tmp/err" 2>&1
same "$run" reviewed.tsv \
    "sample batch, four shards of the files sent with --transferfile: the reduce = po-check"
for w in 1 2; do ls -A "$tmp/home/poworker$w"; done | grep -v '^\.' > "$tmp/left"
[ ! -s "$tmp/left" ]
check "--cleanup leaves nothing in the workers' homes" $? "$(cat "$tmp/left")"

# 10,000 generated orders
R=$R_gen L=$L_gen
plain "$gen" "10,000 orders"
[ "$(grep -c '^finding	.*	capacity	review	production	' "$gen/plain.tsv")" -gt 100 ]
check "10,000 orders: weeks fill (capacity findings across the parts)" $?

kill_hung 2 session
by_chunks "$gen" 24M "$flaky {#} 3 exit $flaky {#} 2 hang"
wait
[ -d "$fault/flags/3.once" ] && [ -s "$fault/flags/2.session" ] &&
    [ -s "$fault/flags/2.killed" ]
check "10,000 orders by chunks: task 3 failed once, task 2's ssh session killed" \
    $? "$(ls "$fault/flags"; cat "$tmp/err")"
same "$gen" reviewed.tsv \
    "10,000 orders, 4 chunks, --retries 3: the reduce = po-check"
awk -F '\t' 'NR > 1 && $7 == 0 { n++ } END { exit n != 4 }' "$gen/map.log"
check "10,000 orders by chunks: map.log, four tasks done" $? "$(cat "$gen/map.log")"
sheets "$gen" reviewed "10,000 orders: po-sheet of the reduce = of po-check"

rm -rf "$fault/flags"/* "$gen/reviewed.tsv"
kill_hung 4 process
make_shards "$gen" && by_shards "$gen" "$flaky {#} 2 exit $flaky {#} 4 hang"
st=$?
wait
[ $st = 2 ] && [ -d "$fault/flags/2.once" ] && [ -s "$fault/flags/4.killed" ] &&
    [ ! -e "$gen/shard.ab.part" ] && [ ! -e "$gen/shard.ad.part" ] &&
    [ -s "$gen/shard.aa.part" ] && [ -s "$gen/shard.ac.part" ]
check "10,000 orders by shards: task 2 failed, task 4's worker killed: parallel exits 2, two parts" \
    $? "exit $st: $(ls "$fault/flags" "$gen"; cat "$tmp/err" "$gen/map.log")"
(cd "$gen" && po-check --reduce $R $L -o reviewed.tsv shard.a?.part) \
    > "$tmp/err" 2>&1
st=$?
[ $st = 1 ] && grep -q 'but 2 parts were given' "$tmp/err" &&
    [ ! -e "$gen/reviewed.tsv" ]
check "the reduce of the parts there are is refused, nothing written" $? \
    "exit $st: $(cat "$tmp/err")"
by_shards "$gen" "$flaky {#} 2 exit $flaky {#} 4 hang" --resume-failed
st=$?
[ $st = 0 ] && [ "$(awk -F '\t' 'NR > 1 { print $1 ":" $7 }' "$gen/map.log" |
    sort | tr '\n' ' ')" = "1:0 2:0 2:1 3:0 4:0 4:137 " ]
check "--resume-failed runs tasks 2 and 4 again, and only them (map.log)" $? \
    "exit $st: $(cat "$tmp/err" "$gen/map.log")"
(cd "$gen" && po-check --reduce $R $L -o reviewed.tsv shard.a?.part) \
    > "$tmp/err" 2>&1
same "$gen" reviewed.tsv \
    "10,000 orders, 4 shards, after --resume-failed: the reduce = po-check"

# the README's survey recipe: an export a task, partials merged here
csat=$tmp/csat
mkdir -p "$csat/exports" && cp samples/survey.xml "$csat/" &&
    cp samples/surveys/*.csv "$csat/exports/" &&
    (cd "$csat" && SOURCE_DATE_EPOCH=1795737600 csat-sum -d survey.xml \
    -o one.xlsx exports/*.csv) > "$tmp/err" 2>&1
check "four survey exports: one csat-sum run" $? "$(cat "$tmp/err")"
rm -rf "$fault/flags"/*
(cd "$csat" && timeout 600 parallel --ssh "$ssh" -S w1,w2 --bf survey.xml \
    --tf {} --return {/.}.csatpart --cleanup --retries 3 --joblog csat.log \
    "$flaky {#} 2 exit csat-sum -d survey.xml --partial -o {/.}.csatpart {} \
    < /dev/null" ::: exports/*.csv &&
    SOURCE_DATE_EPOCH=1795737600 csat-sum -d survey.xml -o merged.xlsx \
    *.csatpart && cmp one.xlsx merged.xlsx) > "$tmp/err" 2>&1
st=$?
[ $st = 0 ] && [ -d "$fault/flags/2.once" ] &&
    [ "$(ls "$csat"/*.csatpart | wc -l)" = 4 ] &&
    [ "$(awk -F '\t' 'NR > 1 { print $2 }' "$csat/csat.log" | sort -u |
    tr '\n' ' ')" = "w1 w2 " ]
check "the exports summarised on w1 and w2 (task 2 failed once, --retries), merged: the one-run workbook" \
    $? "exit $st: $(ls "$fault/flags" "$csat"; cat "$tmp/err" "$csat/csat.log")"
finish

#!/bin/sh
# slurm.sh BINDIR: the README's Slurm recipe on a one-node Slurm of the
# test's own: munged, slurmctld and slurmd started with a key, a
# slurm.conf (this host as the node, its CPUs, select/cons_tres,
# proctrack/linuxproc, task/none: no cgroups), state and logs under $tmp,
# on ports 127.0.0.1:$SCALE_SLURM_PORT and the next (16817 unless set),
# stopped at exit; the system's /etc/slurm and /etc/munge are not used.
# The map is a job array (tests/scale/po-map.sbatch: SLURM_ARRAY_TASK_ID
# picks the shard), the reduce a job with --dependency=afterok and
# --kill-on-invalid-dep=yes (tests/scale/po-reduce.sbatch).  The sample
# batch against a ledger: the reduce and its workbook equal one run's.
# 10,000 generated orders in 4 shards, one task failing and one cancelled
# while it runs (a worker lost): the reduce never starts, Slurm cancels
# it; the tasks whose parts are missing submitted again, and the reduce
# after them: equal to one run.  Needs root.
suite=scale-slurm
. "$(dirname "$0")/../lib.sh"
. "$top/scale/common.sh"	# lib.sh took tests/ for the project
: "${SCALE_SLURM_PORT:=16817}"
sl=$tmp/slurm
export SLURM_CONF="$sl/slurm.conf"
scale_down() {
	if [ -s "$sl/slurmctld.pid" ]; then
		scancel --full --quiet --state=PENDING 2> /dev/null
		scancel --full --quiet 2> /dev/null
		sleep 1
	fi
	for p in "$sl/slurmd.pid" "$sl/slurmctld.pid" "$sl/munge/munged.pid"; do
		[ -s "$p" ] && kill "$(cat "$p")" 2> /dev/null
	done
	for p in "$sl/slurmd.pid" "$sl/slurmctld.pid" "$sl/munge/munged.pid"; do
		i=0
		while [ -s "$p" ] && kill -0 "$(cat "$p")" 2> /dev/null &&
		    [ $i -lt 50 ]; do
			sleep 0.2; i=$((i + 1))
		done
	done
}

require "root, with munged, slurmctld, slurmd, sbatch (make test-scale)" \
    /usr/sbin/munged /usr/sbin/slurmctld /usr/sbin/slurmd sbatch squeue \
    scontrol scancel sinfo

# slurm_up: munge with a key of its own, the config, the two daemons;
# returns non-zero with the reason on stderr
slurm_up() {
	for port in $SCALE_SLURM_PORT $((SCALE_SLURM_PORT + 1)); do
		if ss -ltn 2> /dev/null | grep -q "[:.]$port "; then
			echo "port $port is taken (set SCALE_SLURM_PORT)" >&2
			return 1
		fi
	done
	mkdir -p "$sl/state" "$sl/spool" "$sl/log" "$sl/munge" &&
	    mkdir -m 700 "$sl/key" &&
	    dd if=/dev/urandom of="$sl/key/munge.key" bs=1024 count=1 \
	    2> /dev/null && chmod 400 "$sl/key/munge.key" &&
	    chmod 755 "$sl" "$sl/munge" &&
	    /usr/sbin/munged --force --key-file="$sl/key/munge.key" \
	    --socket="$sl/munge/munge.socket" \
	    --pid-file="$sl/munge/munged.pid" --seed-file="$sl/key/seed" \
	    --log-file="$sl/log/munged.log" || return 1
	host=$(hostname -s)
	cat > "$SLURM_CONF" <<-CONF
	ClusterName=poreview
	SlurmctldHost=$host(127.0.0.1)
	SlurmUser=root
	SlurmdUser=root
	SlurmctldPort=$SCALE_SLURM_PORT
	SlurmdPort=$((SCALE_SLURM_PORT + 1))
	AuthType=auth/munge
	AuthInfo=socket=$sl/munge/munge.socket
	CredType=cred/munge
	StateSaveLocation=$sl/state
	SlurmdSpoolDir=$sl/spool
	SlurmctldPidFile=$sl/slurmctld.pid
	SlurmdPidFile=$sl/slurmd.pid
	SlurmctldLogFile=$sl/log/slurmctld.log
	SlurmdLogFile=$sl/log/slurmd.log
	ProctrackType=proctrack/linuxproc
	TaskPlugin=task/none
	JobAcctGatherType=jobacct_gather/none
	AccountingStorageType=accounting_storage/none
	SelectType=select/cons_tres
	SelectTypeParameters=CR_Core
	SwitchType=switch/none
	MpiDefault=none
	ReturnToService=2
	SchedulerParameters=sched_interval=1
	MinJobAge=600
	InactiveLimit=0
	KillWait=5
	NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
	PartitionName=po Nodes=$host Default=YES MaxTime=INFINITE State=UP
	CONF
	/usr/sbin/slurmctld -i && /usr/sbin/slurmd || return 1
	i=0
	until [ "$(sinfo -h -o %T 2> /dev/null)" = idle ]; do
		[ $i -lt 150 ] || { echo "the node is not idle after 30 s:" \
		    "$(sinfo 2>&1)" >&2; return 1; }
		sleep 0.2; i=$((i + 1))
	done
}
slurm_up 2> "$tmp/err"
if [ $? != 0 ]; then
	# Slurm cannot run here: said, not faked
	skip "a one-node Slurm and the Slurm recipe" "Slurm did not start: $(
	    cat "$tmp/err" "$sl"/log/* 2> /dev/null | tail -n 20 | tr '\n' ' ')"
	finish
fi
check "a one-node Slurm of the test's own: node $(hostname -s), $(nproc) CPUs, idle" 0
batches

# state JOB: the states of JOB (an array: one line a task), "JOB_I STATE"
state() {
	scontrol -o show job "$1" 2> /dev/null |
	    sed -n 's/^JobId=\([0-9]*\) \(ArrayJobId=[0-9]* ArrayTaskId=\([0-9]*\) \)\{0,1\}.* JobState=\([A-Z_]*\) Reason=\([^ ]*\).*/\3 \4 \5/p' |
	    sort -n
}

# settle JOB...: wait (300 s at most) until no task of the JOBs is pending
# or running, unless one is pending on a dependency never satisfied
settle() {
	i=0
	while [ $i -lt 1500 ]; do
		busy=
		for j; do
			state "$j" | grep -v 'DependencyNeverSatisfied' |
			    grep -q ' \(PENDING\|RUNNING\|CONFIGURING\|COMPLETING\) ' &&
			    busy=1
		done
		[ -z "$busy" ] && return 0
		sleep 0.2; i=$((i + 1))
	done
	return 1
}

# submit DIR N ARGS...: shards of DIR/list, the map array and the reduce;
# sets map and reduce to their job ids
submit() {
	d=$1 n=$2
	shift 2
	(cd "$d" && rm -rf parts shard.* && mkdir parts &&
	    split -n l/$n -d -a 1 list shard.) &&
	    map=$(cd "$d" && sbatch --parsable --array=0-$((n - 1)) \
	    "$top/tests/scale/po-map.sbatch" $n $R) &&
	    reduce=$(cd "$d" && sbatch --parsable \
	    --dependency=afterok:$map --kill-on-invalid-dep=yes \
	    "$top/tests/scale/po-reduce.sbatch" $R $L)
}

export SOURCE_DATE_EPOCH=1795737600
R=$R_samples L=$L_samples
plain "$run" "sample batch"
submit "$run" 4 2> "$tmp/err" && settle $map $reduce
st=$?
[ $st = 0 ] && [ "$(state $map | awk '{ print $(NF - 1) }' | sort -u)" = COMPLETED ] &&
    [ "$(state $reduce | awk '{ print $(NF - 1) }')" = COMPLETED ]
check "sample batch: a map array of 4 tasks, then the reduce (afterok), completed" \
    $? "$(cat "$tmp/err"; state $map; state $reduce; cat "$run"/slurm-*.out)"
same "$run" reviewed.tsv "sample batch under Slurm: the reduce = po-check"
sheets "$run" review "sample batch under Slurm: the reduce's workbook = po-check's"

R=$R_gen L=$L_gen
plain "$gen" "10,000 orders"
# task 2 fails its first run; task 1 hangs its first run and is cancelled
cat > "$fault/slurm-faults" <<EOF2
#!/bin/sh
i=\$1
shift
exec $flaky \$i 2 exit $flaky \$i 1 hang "\$@"
EOF2
chmod 755 "$fault/slurm-faults"
export POREVIEW_FAULT=$fault/slurm-faults
submit "$gen" 4 2> "$tmp/err"
i=0
while [ ! -s "$fault/flags/1.pid" ] && [ $i -lt 600 ]; do
	sleep 0.2; i=$((i + 1))
done
scancel "${map}_1" 2>> "$tmp/err"
settle $map $reduce
st=$?
states=$(state $map | awk '{ printf "%s:%s ", $1, $2 }')
[ $st = 0 ] && [ "$states" = "0:COMPLETED 1:CANCELLED 2:FAILED 3:COMPLETED " ]
check "10,000 orders, 4 tasks: task 2 fails, task 1 cancelled while it runs" $? \
    "$states $(cat "$tmp/err"; cat "$gen"/slurm-*.out)"
r=$(state $reduce)
case $r in *" CANCELLED DependencyNeverSatisfied") ok=0 ;; *) ok=1 ;; esac
[ $ok = 0 ] && [ ! -e "$gen/reviewed.tsv" ] &&
    [ "$(cd "$gen/parts" && ls)" = "$(printf '1.part\n4.part')" ]
check "the reduce never ran: cancelled, its dependency never satisfied (--kill-on-invalid-dep=yes)" \
    $ok "reduce: $r; parts: $(ls "$gen/parts")"
# the README's recovery: the tasks whose part is missing, again
again=$(cd "$gen" && for i in 0 1 2 3; do
	[ -s parts/$((i + 1)).part ] || echo $i; done | paste -sd, -)
map2=$(cd "$gen" && sbatch --parsable \
    --array=$again "$top/tests/scale/po-map.sbatch" 4 $R) &&
    reduce2=$(cd "$gen" && sbatch --parsable --dependency=afterok:$map2 \
    --kill-on-invalid-dep=yes "$top/tests/scale/po-reduce.sbatch" $R $L) &&
    settle $map2 $reduce2
st=$?
[ $st = 0 ] && [ "$again" = 1,2 ] &&
    [ "$(state $map2 | awk '{ print $(NF - 1) }' | sort -u)" = COMPLETED ] &&
    [ "$(state $reduce2 | awk '{ print $(NF - 1) }')" = COMPLETED ]
check "tasks 1 and 2 submitted again (--array=$again), then the reduce: completed" \
    $? "$(state $map2; state $reduce2; cat "$gen"/slurm-*.out)"
same "$gen" reviewed.tsv "10,000 orders after the tasks run again: the reduce = po-check"
sheets "$gen" review "10,000 orders: the reduce's workbook = po-check's"
finish

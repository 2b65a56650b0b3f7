# hosts.sh: two ssh "hosts" on this machine for tests/scale/parallel.sh,
# sourced after tests/lib.sh.  Needs root, sshd (openssh-server), ssh and
# rsync.
#
# hosts_up     adds the users poworker1 and poworker2 (homes under
#              $tmp/home, no password, login by key only), starts an sshd
#              of its own on 127.0.0.1:$SCALE_SSH_PORT (22322 unless set)
#              with its config, host key, pid file and log under $tmp/ssh
#              (the system's sshd and /etc/ssh are not touched), whose
#              sessions have PATH=$bin:... (poreview installed where the
#              workers read it), and writes $tmp/ssh/config, which names
#              the two workers w1 and w2 for `ssh -F`; returns non-zero
#              with the reason on stderr
# hosts_down   stops that sshd and removes the users it added (run at exit)
# session_of PID  the pid of the sshd process serving the ssh session that
#              PID runs in ("sshd: poworker1@notty")
hosts_users="poworker1 poworker2"
hosts_mark="poreview test-scale worker"
hosts_added=
ssh_dir=$tmp/ssh
: "${SCALE_SSH_PORT:=22322}"

hosts_up() {
	for u in $hosts_users; do
		if id "$u" > /dev/null 2>&1; then
			# a user left by a run that was killed: ours, by its mark
			[ "$(getent passwd "$u" | cut -d: -f5)" = "$hosts_mark" ] ||
			    { echo "user $u exists and is not a test worker" >&2
			      return 1; }
			userdel -f "$u" 2> /dev/null
		fi
	done
	if ss -ltn 2> /dev/null | grep -q "[:.]$SCALE_SSH_PORT "; then
		echo "port $SCALE_SSH_PORT is taken (set SCALE_SSH_PORT)" >&2
		return 1
	fi
	chmod 755 "$tmp" && mkdir -p "$ssh_dir" "$tmp/home" &&
	    ssh-keygen -q -t ed25519 -N '' -C host -f "$ssh_dir/host_key" &&
	    ssh-keygen -q -t ed25519 -N '' -C submit -f "$ssh_dir/id" || return 1
	for u in $hosts_users; do
		useradd -m -d "$tmp/home/$u" -s /bin/bash -c "$hosts_mark" \
		    -p '*' "$u" || return 1
		hosts_added="$hosts_added $u"
		install -d -m 700 -o "$u" -g "$u" "$tmp/home/$u/.ssh" &&
		    install -m 600 -o "$u" -g "$u" "$ssh_dir/id.pub" \
		    "$tmp/home/$u/.ssh/authorized_keys" || return 1
	done
	cat > "$ssh_dir/sshd_config" <<-CONF
	Port $SCALE_SSH_PORT
	ListenAddress 127.0.0.1
	HostKey $ssh_dir/host_key
	PidFile $ssh_dir/sshd.pid
	AuthorizedKeysFile .ssh/authorized_keys
	PubkeyAuthentication yes
	PasswordAuthentication no
	KbdInteractiveAuthentication no
	UsePAM no
	PermitRootLogin no
	AllowUsers $hosts_users
	SetEnv PATH=$bin:/usr/local/bin:/usr/bin:/bin
	MaxStartups 100
	MaxSessions 100
	CONF
	cat > "$ssh_dir/config" <<-CONF
	Host w1 w2
	  HostName 127.0.0.1
	  Port $SCALE_SSH_PORT
	  IdentityFile $ssh_dir/id
	  IdentitiesOnly yes
	  UserKnownHostsFile $ssh_dir/known_hosts
	  StrictHostKeyChecking accept-new
	  BatchMode yes
	  LogLevel ERROR
	Host w1
	  User poworker1
	Host w2
	  User poworker2
	CONF
	mkdir -p /run/sshd &&
	    /usr/sbin/sshd -f "$ssh_dir/sshd_config" -E "$ssh_dir/sshd.log" ||
	    return 1
	for i in 1 2 3 4 5 6 7 8 9 10; do
		[ -s "$ssh_dir/sshd.pid" ] && break
		sleep 0.2
	done
	[ -s "$ssh_dir/sshd.pid" ]
}

hosts_down() {
	if [ -s "$ssh_dir/sshd.pid" ]; then
		kill "$(cat "$ssh_dir/sshd.pid")" 2> /dev/null
		rm -f "$ssh_dir/sshd.pid"
	fi
	for u in $hosts_added; do
		# the sessions still open end with their sshd's children
		userdel -f "$u" 2> /dev/null
	done
	hosts_added=
}

session_of() {
	hosts_sid=$(ps -o sid= -p "$1" | tr -d ' ')
	[ -n "$hosts_sid" ] && ps -o ppid= -p "$hosts_sid" | tr -d ' '
}

# Shared helpers for ./chat: paths, messages, apt, Java, pid files, ports.
# Sourced by ./chat after ROOT is set; relies on `set -euo pipefail` from there.

STACK="$ROOT/.stack"
DIST="$STACK/dist"      # downloaded server classpaths
DATA="$STACK/data"      # all server data (kept by `down`, removed by `down --purge`)
LOGS="$STACK/logs"
RUN="$STACK/run"        # our pid files, sockets, locks
GEN="$STACK/conf"       # configs generated from local-stack/conf
TMPD="$STACK/tmp"       # java.io.tmpdir for our JVMs, so nothing lands in /tmp
TEMPLATES="$ROOT/local-stack/conf"

say()  { printf '%s\n' "$*"; }
err()  { printf 'chat: %s\n' "$*" >&2; }
die()  { err "$*"; exit 1; }
now_ms() { date +%s%3N; }
# Maven prints ANSI codes even with -B unless told not to.
mvn_color() { [[ -t 1 ]] && echo -Dstyle.color=auto || echo -Dstyle.color=never; }
secs_since() { local d=$(( $(now_ms) - $1 )); printf '%d.%01d' $((d / 1000)) $((d % 1000 / 100)); }

init_dirs() { mkdir -p "$DIST" "$DATA" "$LOGS" "$RUN" "$GEN" "$TMPD"; }

# One ./chat at a time may start or stop things (fd 9; children get it closed).
take_lock() {
  exec 9>"$RUN/chat.lock"
  if ! flock -n 9; then
    say "waiting for another ./chat to finish..."
    flock -w 900 9 || die "could not get $RUN/chat.lock within 15 min"
  fi
}
release_lock() { exec 9>&-; }

# ---- packages --------------------------------------------------------------
APT_UPDATED=0
apt_install() {
  [[ $# -gt 0 ]] || return 0
  local sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || die "need root or sudo to apt-get install: $*"
    sudo="sudo"
  fi
  command -v apt-get >/dev/null || die "missing $*, and there is no apt-get: install them yourself"
  say "installing (apt): $*"
  if [[ $APT_UPDATED == 0 ]]; then
    $sudo apt-get update -qq >"$LOGS/apt.log" 2>&1 || { tail -n 20 "$LOGS/apt.log" >&2; die "apt-get update failed"; }
    APT_UPDATED=1
  fi
  # If a package starts its system service, it does not matter: we use our own config,
  # ports and data dirs, and never that service.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" \
    >>"$LOGS/apt.log" 2>&1 || { tail -n 20 "$LOGS/apt.log" >&2; die "apt-get install $* failed"; }
}

# ensure_cmds "cmd:package" ...  -> one apt run for everything missing
ensure_cmds() {
  local pair missing=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
  [[ ${#missing[@]} -eq 0 ]] || apt_install $(printf '%s\n' "${missing[@]}" | sort -u)
}

# ---- Java ------------------------------------------------------------------
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ {sub(/^1\./, "", $2); print $2; exit}'
}

# JVM for Kafka, S3Proxy and the services: JAVA_HOME's, else PATH's; must be 17+.
default_java() {
  local j="java"
  [[ -n ${JAVA_HOME:-} && -x ${JAVA_HOME}/bin/java ]] && j="$JAVA_HOME/bin/java"
  command -v "$j" >/dev/null || die "no java found (need JDK 17+)"
  local m; m=$(java_major "$j")
  [[ ${m:-0} -ge 17 ]] || die "$j is Java ${m:-?}; need 17+ (set JAVA_HOME)"
  JAVA="$j"
}

# Cassandra 5.0 runs on Java 11 or 17 only.
cassandra_java() {
  local c
  for c in "${CASSANDRA_JAVA:-}" "$JAVA" /usr/lib/jvm/*17*/bin/java /usr/lib/jvm/*11*/bin/java; do
    [[ -n $c ]] && command -v "$c" >/dev/null || continue
    case $(java_major "$c") in 17|11) JAVA_CASSANDRA="$c"; return ;; esac
  done
  apt_install openjdk-17-jre-headless
  for c in /usr/lib/jvm/java-17-openjdk-*/bin/java; do
    [[ -x $c ]] && { JAVA_CASSANDRA="$c"; return; }
  done
  die "no Java 17 for Cassandra (openjdk-17-jre-headless did not provide one)"
}

# Classpath of a server, via its small POM; cached in .stack/dist, redone if the POM
# changed or a jar vanished from ~/.m2.
server_classpath() {
  local name=$1 pom="$ROOT/local-stack/servers/$1/pom.xml" out="$DIST/$1.classpath" ok=1 jar
  if [[ -s $out && $out -nt $pom ]]; then
    IFS=: read -r -a jars <"$out" || true  # no trailing newline
    for jar in "${jars[@]}"; do [[ -f $jar ]] || { ok=0; break; }; done
    [[ $ok == 1 ]] && return 0
  fi
  command -v mvn >/dev/null || die "maven (mvn) is needed to download $name"
  say "downloading $name classpath (Maven Central)..."
  if ! MAVEN_OPTS="${MAVEN_OPTS:-} -XX:-UsePerfData" mvn -B -q -ntp -Dstyle.color=never -f "$pom" dependency:build-classpath -Dmdep.outputFile="$out.tmp" \
      >"$LOGS/mvn-$name.log" 2>&1; then
    tail -n 20 "$LOGS/mvn-$name.log" >&2; die "could not resolve the $name classpath"
  fi
  mv -f "$out.tmp" "$out"
}

# ---- processes -------------------------------------------------------------
pidfile() { printf '%s/%s.pid' "$RUN" "$1"; }

# owned PID PROG MARKER: PID is alive, its command line names PROG, and it is ours:
# the command line mentions MARKER or its cwd is under MARKER (redis rewrites its argv).
owned() {
  local pid=$1 prog=$2 marker=$3 cmd cwd
  [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
  cmd=$(tr '\0' ' ' </proc/"$pid"/cmdline 2>/dev/null) || return 1
  [[ $cmd == *"$prog"* ]] || return 1
  [[ $cmd == *"$marker"* ]] && return 0
  cwd=$(readlink /proc/"$pid"/cwd 2>/dev/null) || return 1
  [[ $cwd == "$marker"* ]]
}

# running NAME PROG MARKER: prints the pid if our process runs; else drops a stale pid file.
running() {
  local f; f=$(pidfile "$1")
  [[ -f $f ]] || return 1
  local pid; pid=$(<"$f")
  if owned "$pid" "$2" "$3"; then printf '%s' "$pid"; return 0; fi
  rm -f "$f"
  return 1
}

# launch NAME CWD CMD...: start CMD in its own session, in the background, stdout+stderr
# to .stack/logs/NAME.log (previous log kept as .log.1); the pid file is written by
# the process itself just before exec, so it is the server's own pid.
launch() {
  local name=$1 cwd=$2; shift 2
  local log="$LOGS/$name.log" pf; pf=$(pidfile "$name")
  [[ -s $log ]] && mv -f "$log" "$log.1"
  rm -f "$pf"
  ( cd "$cwd" && exec setsid bash -c 'echo $$ >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' "$pf" "$@" ) \
    >"$log" 2>&1 </dev/null 9>&- &
  local i
  for i in $(seq 50); do [[ -s $pf ]] && return 0; sleep 0.1; done
  die "$name did not start (see $log)"
}

# stop NAME PROG MARKER [TIMEOUT]: TERM, then KILL after TIMEOUT seconds.
stop_proc() {
  local name=$1 pid i; pid=$(running "$1" "$2" "$3") || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq $(( ${4:-30} * 5 ))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    err "$name (pid $pid) ignored TERM for ${4:-30}s: KILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$(pidfile "$name")" "$RUN/$name.ready"
  say "stopped $name (pid $pid)"
}

rss_mib() {
  awk '/^VmRSS:/ {printf "%d", $2 / 1024}' /proc/"$1"/status 2>/dev/null || printf '-'
}

# ---- ports -----------------------------------------------------------------
port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# Fails naming the port (and its owner when ss can tell) if it is taken.
ensure_ports_free() {
  local name=$1 p who; shift
  for p in "$@"; do
    port_open "$p" || continue
    who=$(ss -ltnpH "sport = :$p" 2>/dev/null | grep -o 'users:(([^)]*' | head -n1 | cut -c9- || true)
    die "port $p (for $name) is already in use by another process${who:+: $who}; stop it or free the port"
  done
}

# wait_for NAME PID TIMEOUT CHECK...: poll CHECK until it succeeds; fail early if PID dies.
wait_for() {
  local name=$1 pid=$2 timeout=$3 t0; shift 3; t0=$(now_ms)
  while ! "$@" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      err "$name exited during startup. Last lines of $LOGS/$name.log:"
      tail -n 30 "$LOGS/$name.log" >&2 || true
      return 1
    fi
    if (( $(now_ms) - t0 > timeout * 1000 )); then
      err "$name not ready after ${timeout}s (check: $*). Last lines of $LOGS/$name.log:"
      tail -n 30 "$LOGS/$name.log" >&2 || true
      return 1
    fi
    sleep 0.5
  done
}

render() { # render TEMPLATE OUT: fill @DATA@ @RUN@ @USER@ @MARIADB_VERSION@
  sed -e "s|@DATA@|$DATA|g" -e "s|@RUN@|$RUN|g" -e "s|@USER@|$(id -un)|g" \
      -e "s|@MARIADB_VERSION@|${MARIADB_VERSION:-}|g" "$TEMPLATES/$1" >"$GEN/$2.tmp"
  mv -f "$GEN/$2.tmp" "$GEN/$2"
}

# The five backing servers (docs/local-ports.md): prepare, start, readiness, stop, status.

SERVERS=(redis mariadb cassandra kafka s3proxy)
declare -A PORTS=([redis]="16379" [mariadb]="13306" [cassandra]="19042 17000 17199"
                  [kafka]="19092 19093" [s3proxy]="18333")
# What the command line must contain for a pid to count as that server (plus the .stack path).
declare -A PROG=([redis]="redis-server" [mariadb]="mariadbd" [cassandra]="CassandraDaemon"
                 [kafka]="kafka.Kafka" [s3proxy]="org.gaul.s3proxy.Main")
declare -A READY_TIMEOUT=([redis]=30 [mariadb]=90 [cassandra]=240 [kafka]=150 [s3proxy]=90)
declare -A STOP_TIMEOUT=([redis]=30 [mariadb]=60 [cassandra]=60 [kafka]=60 [s3proxy]=20)
declare -A ADDR=(
  [redis]="redis://127.0.0.1:16379"
  [mariadb]="jdbc:mysql://127.0.0.1:13306 (chat / chat-local; chat_users, chat_groups, chat_presence)"
  [cassandra]="CQL 127.0.0.1:19042 (storage 17000, JMX 17199)"
  [kafka]="127.0.0.1:19092 (controller 19093)"
  [s3proxy]="http://127.0.0.1:18333 (chat-local / chat-local-secret)")

# Common flags for our JVMs: no hsperfdata and no temp files outside .stack; die on OOM.
JVM_BASE=(-XX:-UsePerfData -XX:+ExitOnOutOfMemoryError "-Djava.io.tmpdir=$TMPD" -Djava.awt.headless=true)

cp_args() { # write a java @argfile holding -cp, keeps `ps` readable
  printf -- '-cp "%s"\n' "$(<"$DIST/$1.classpath")" >"$GEN/$1.cp.args"
}

mysql_root() { mariadb --no-defaults -S "$RUN/mariadb.sock" -u "$(id -un)" "$@"; }
mysql_chat() { MYSQL_PWD=chat-local mariadb --no-defaults --protocol=TCP -h 127.0.0.1 -P 13306 -u chat "$@"; }

kafka_tool() { # kafka_tool CLASS ARGS...: run a Kafka CLI class from the broker's classpath
  ${KAFKA_TOOL_TIMEOUT:+timeout "$KAFKA_TOOL_TIMEOUT"} "$JAVA" -Xmx192m -XX:TieredStopAtLevel=1 "${JVM_BASE[@]}" \
    "-Dlog4j2.configurationFile=$TEMPLATES/kafka-tools-log4j2.properties" \
    "@$GEN/kafka.cp.args" "$@"
}

# ---- prepare (sequential: apt, downloads, configs, first-time init) ---------
prep_redis() { mkdir -p "$DATA/redis"; render redis.conf redis.conf; }

prep_mariadb() {
  MARIADB_VERSION=$(mariadbd --version | grep -o '[0-9][0-9.]*-MariaDB' | head -n1)
  [[ -n $MARIADB_VERSION ]] || die "cannot read the MariaDB version from 'mariadbd --version'"
  render mariadb.cnf mariadb.cnf
  if [[ ! -d $DATA/mariadb/mysql ]]; then
    say "initialising MariaDB data dir..."
    rm -rf "$DATA/mariadb"; mkdir -p "$DATA/mariadb"
    mariadb-install-db --defaults-file="$GEN/mariadb.cnf" --user="$(id -un)" \
      --auth-root-authentication-method=socket --auth-root-socket-user="$(id -un)" \
      --skip-test-db >"$LOGS/mariadb-install.log" 2>&1 ||
      { tail -n 20 "$LOGS/mariadb-install.log" >&2; die "mariadb-install-db failed"; }
  fi
}

prep_cassandra() {
  server_classpath cassandra; cp_args cassandra; cassandra_java
  mkdir -p "$DATA/cassandra"; render cassandra.yaml cassandra.yaml
}

prep_kafka()   { server_classpath kafka; cp_args kafka; mkdir -p "$DATA/kafka"; render kafka.properties kafka.properties; }
prep_s3proxy() { server_classpath s3proxy; cp_args s3proxy; mkdir -p "$DATA/s3"; render s3proxy.properties s3proxy.properties; }

# ---- start (in parallel) ----------------------------------------------------
start_redis() { launch redis "$DATA/redis" redis-server "$GEN/redis.conf"; }

start_mariadb() {
  launch mariadb "$DATA/mariadb" mariadbd --defaults-file="$GEN/mariadb.cnf"
}

start_cassandra() {
  launch cassandra "$DATA/cassandra" "$JAVA_CASSANDRA" -Xms512m -Xmx768m -XX:+UseG1GC \
    -XX:+ParallelRefProcEnabled "${JVM_BASE[@]}" "@$TEMPLATES/cassandra-jvm17.options" \
    "-Dcassandra.config=file://$GEN/cassandra.yaml" "-Dcassandra.storagedir=$DATA/cassandra" \
    "-Dcassandra.logdir=$LOGS" -Dcassandra-foreground=yes -Dcassandra.jmx.local.port=17199 \
    -Dcassandra.skip_wait_for_gossip_to_settle=0 -Dcassandra.ring_delay_ms=1000 \
    "-Dlogback.configurationFile=$TEMPLATES/cassandra-logback.xml" \
    "@$GEN/cassandra.cp.args" org.apache.cassandra.service.CassandraDaemon
}

start_kafka() {
  if [[ ! -f $DATA/kafka/logs/meta.properties ]]; then # format the KRaft storage once
    local id; id=$(kafka_tool kafka.tools.StorageTool random-uuid 2>>"$LOGS/kafka-format.log")
    kafka_tool kafka.tools.StorageTool format --standalone -t "$id" -c "$GEN/kafka.properties" \
      >>"$LOGS/kafka-format.log" 2>&1 ||
      { tail -n 20 "$LOGS/kafka-format.log" >&2; err "kafka storage format failed"; return 1; }
  fi
  launch kafka "$DATA/kafka" "$JAVA" -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:InitiatingHeapOccupancyPercent=35 "${JVM_BASE[@]}" \
    "-Dlog4j2.configurationFile=$TEMPLATES/kafka-log4j2.properties" "-Dkafka.logs.dir=$LOGS" \
    "@$GEN/kafka.cp.args" kafka.Kafka "$GEN/kafka.properties"
}

start_s3proxy() {
  launch s3proxy "$DATA/s3" "$JAVA" -Xms64m -Xmx256m "${JVM_BASE[@]}" "@$GEN/s3proxy.cp.args" \
    org.gaul.s3proxy.Main --properties "$GEN/s3proxy.properties"
}

# ---- readiness checks (one attempt each; polled by wait_for) -----------------
ready_redis()     { [[ $(redis-cli -h 127.0.0.1 -p 16379 ping 2>/dev/null) == PONG ]]; }
ready_mariadb()   { [[ $(mysql_chat -N -e 'SELECT 1' 2>/dev/null) == 1 ]]; }
ready_cassandra() { port_open 19042 && grep -q 'Starting listening for CQL clients' "$LOGS/cassandra.log"; }
ready_kafka()     { port_open 19092 && KAFKA_TOOL_TIMEOUT=60 kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:19092 --list; }
ready_s3proxy()   { [[ $(curl -s -o /dev/null -m 3 -w '%{http_code}' http://127.0.0.1:18333/) != 000 ]]; }

# Databases and the chat user, created over the unix socket as the socket-authenticated admin.
mariadb_bootstrap() {
  mysql_root <<'SQL'
CREATE DATABASE IF NOT EXISTS chat_users  CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS chat_groups CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS chat_presence CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS chat_assets   CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'chat'@'127.0.0.1' IDENTIFIED BY 'chat-local';
CREATE USER IF NOT EXISTS 'chat'@'localhost' IDENTIFIED BY 'chat-local';
GRANT ALL PRIVILEGES ON `chat\_%`.* TO 'chat'@'127.0.0.1';
GRANT ALL PRIVILEGES ON `chat\_%`.* TO 'chat'@'localhost';
SQL
}

# Start NAME unless running, then wait until ready; records the seconds taken.
bring_up() {
  local n=$1 start=$2 t0=$3 pid
  if [[ $start == 1 ]]; then "start_$n" || return 1; fi
  pid=$(<"$(pidfile "$n")")
  if [[ $n == mariadb ]]; then
    wait_for mariadb "$pid" "${READY_TIMEOUT[$n]}" mysql_root -e 'SELECT 1' || return 1
    mariadb_bootstrap || { err "creating MariaDB databases/user failed"; return 1; }
  fi
  wait_for "$n" "$pid" "${READY_TIMEOUT[$n]}" "ready_$n" || return 1
  secs_since "$t0" >"$RUN/$n.ready"
}

stack_up() {
  local t0 n start failed=() todo=(); t0=$(now_ms)
  init_dirs; take_lock
  ensure_cmds curl:curl redis-server:redis-server redis-cli:redis-tools mariadbd:mariadb-server \
    mariadb-install-db:mariadb-server mariadb:mariadb-client ss:iproute2 setsid:util-linux flock:util-linux
  default_java
  for n in "${SERVERS[@]}"; do
    rm -f "$RUN/$n.ready"
    running "$n" "${PROG[$n]}" "$STACK" >/dev/null && continue
    ensure_ports_free "$n" ${PORTS[$n]}
    todo+=("$n")
  done
  for n in "${todo[@]}"; do "prep_$n"; done
  [[ ${#todo[@]} -eq 0 ]] || say "starting: ${todo[*]}"
  # Prepared one by one first: a JVM booting next to mvn on 2 cores only ends later.
  declare -A jobs
  for n in "${SERVERS[@]}"; do
    [[ " ${todo[*]} " == *" $n "* ]] && start=1 || start=0
    bring_up "$n" "$start" "$t0" &
    jobs[$n]=$!
  done
  for n in "${SERVERS[@]}"; do wait "${jobs[$n]}" || failed+=("$n"); done
  stack_table up
  [[ ${#failed[@]} -eq 0 ]] || die "not ready: ${failed[*]} (logs: ./chat stack logs NAME)"
  say "stack ready in $(secs_since "$t0")s (data in $DATA)"
}

stack_table() { # up: pid, address, ready time; status: pid, ports, RSS
  local n pid rss total=0
  if [[ $1 == up ]]; then
    printf '%-10s %-8s %-7s %s\n' SERVER PID READY@ "LISTENS ON"
  else
    printf '%-10s %-8s %-8s %-18s %8s\n' SERVER STATE PID PORTS "RSS MiB"
  fi
  for n in "${SERVERS[@]}"; do
    pid=$(running "$n" "${PROG[$n]}" "$STACK") || pid=""
    if [[ $1 == up ]]; then
      printf '%-10s %-8s %-7s %s\n' "$n" "${pid:--}" "$(cat "$RUN/$n.ready" 2>/dev/null || echo FAIL)s" "${ADDR[$n]}"
    else
      rss=-; [[ -n $pid ]] && { rss=$(rss_mib "$pid"); total=$((total + rss)); }
      printf '%-10s %-8s %-8s %-18s %8s\n' "$n" "$([[ -n $pid ]] && echo running || echo stopped)" \
        "${pid:--}" "${PORTS[$n]// /,}" "$rss"
    fi
  done
  [[ $1 == up ]] || printf '%-10s %-8s %-8s %-18s %8s\n' total "" "" "" "$total"
}

stack_down() { # [--purge]
  local n p pids=()
  init_dirs; take_lock
  for n in "${SERVERS[@]}"; do
    stop_proc "$n" "${PROG[$n]}" "$STACK" "${STOP_TIMEOUT[$n]}" & pids+=($!)
  done
  wait "${pids[@]}" || true
  for p in ${PORTS[*]}; do
    if port_open "$p"; then err "note: port $p is still open (not ours, or still closing)"; fi
  done
  if [[ ${1:-} == --purge ]]; then rm -rf "$DATA"; say "deleted $DATA"; fi
  return 0
}

stack_logs() { # [name] -> tail of one log, or of each server's
  local n lines=${CHAT_LOG_LINES:-40}
  if [[ -n ${1:-} ]]; then
    [[ -f $LOGS/$1.log ]] || die "no log $LOGS/$1.log (have: $(cd "$LOGS" 2>/dev/null && ls *.log | sed 's/\.log$//' | tr '\n' ' '))"
    tail -n "$lines" "$LOGS/$1.log"; return
  fi
  for n in "${SERVERS[@]}"; do
    [[ -f $LOGS/$n.log ]] || continue
    say "==> $LOGS/$n.log <=="; tail -n 15 "$LOGS/$n.log"; say ""
  done
}

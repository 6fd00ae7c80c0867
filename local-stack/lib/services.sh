# The chat services (docs/local-ports.md), run from their Spring Boot jars.

# name:module:port[:extra args]
SERVICE_SPECS=(
  user-service:user-service:8081
  ws-manager:ws-manager:8082
  message-service:message-service:8083
  group-service:group-service:8084
  lastseen-service:lastseen-service:8085
  asset-service:asset-service:8086
  ws-handler-1:ws-handler:8090:--chat.instance-id=ws-handler-1
  ws-handler-2:ws-handler:8091:--chat.instance-id=ws-handler-2
)
# More handlers on request (CHAT_HANDLERS=3 ./chat up: 57,000 connections need three, at most 19,000 each).
# ALL_SPECS holds every handler there can be, so down and status find one started with a larger count.
EXTRA_HANDLERS=(
  ws-handler-3:ws-handler:8092:--chat.instance-id=ws-handler-3
  ws-handler-4:ws-handler:8093:--chat.instance-id=ws-handler-4
)
HANDLER_COUNT=${CHAT_HANDLERS:-2}
[[ $HANDLER_COUNT =~ ^[2-4]$ ]] || { echo "CHAT_HANDLERS must be 2, 3 or 4 (was $HANDLER_COUNT)" >&2; exit 2; }
ALL_SPECS=("${SERVICE_SPECS[@]}" "${EXTRA_HANDLERS[@]}")
SERVICE_SPECS+=("${EXTRA_HANDLERS[@]:0:$((HANDLER_COUNT - 2))}")
SERVICE_READY_TIMEOUT=${CHAT_SERVICE_TIMEOUT:-240}
# Heap limits, not reservations (-Xms64m): a handler holds about 15 KiB of heap per connection,
# so 19,000 connections need about 300 MB on top of its 60 MB at rest (docs/performance.md).
# A handler's young generation is fixed (-Xmn): sized by default as a third of the heap, it grows
# with the old generation's connections to ~180 MB of RSS that holds nothing but short-lived garbage.
# Its old generation is kept 10-30 % free (the default, 40-70 %, commits ~1.7 times what 19,000
# connections hold): their state is long-lived and grows slowly, so a tight heap costs few GCs.
SERVICE_HEAP=256m
HANDLER_HEAP=${CHAT_HANDLER_HEAP:-1g}
HANDLER_YOUNG=64m

svc_field() { local IFS=: a; a=($1); printf '%s' "${a[$2 - 1]:-}"; }  # svc_field SPEC N (1-based)
svc_jar()   { local m; m=$(svc_field "$1" 2); printf '%s/%s/target/%s.jar' "$ROOT" "$m" "$m"; }
# A service pid is ours if its command line holds its jar and its own --server.port.
svc_running() { running "$(svc_field "$1" 1)" "--server.port=$(svc_field "$1" 3)" "$(svc_jar "$1")"; }

ready_service() {
  curl -fsS -m 3 "http://127.0.0.1:$1/actuator/health/readiness" 2>/dev/null | grep -q '"status" *: *"UP"'
}

svc_build() {
  [[ -f $ROOT/pom.xml ]] || { err "no $ROOT/pom.xml: nothing to build"; return 0; }
  say "building services (mvn -B -q -DskipTests package)..."
  local rc=0
  (cd "$ROOT" && mvn -B -q -ntp -Dstyle.color=never -DskipTests package >"$LOGS/build.log" 2>&1 9>&-) || rc=$?
  [[ $rc == 0 ]] || { grep -v '^\s*$' "$LOGS/build.log" | tail -n 40 >&2; err "build failed (mvn exit $rc, full output: $LOGS/build.log)"; exit "$rc"; }
}

svc_up() { # [--no-build]
  local t0 spec name port jar pid extra heap missing=() failed=() todo=() jobs=()
  t0=$(now_ms)
  stack_up
  [[ ${1:-} == --no-build ]] || svc_build
  take_lock; default_java
  for spec in "${SERVICE_SPECS[@]}"; do
    name=$(svc_field "$spec" 1); port=$(svc_field "$spec" 3); jar=$(svc_jar "$spec")
    rm -f "$RUN/$name.ready"
    svc_running "$spec" >/dev/null && { todo+=("$spec"); continue; }
    if [[ ! -f $jar ]]; then missing+=("$name"); continue; fi
    ensure_ports_free "$name" "$port"
    extra=$(svc_field "$spec" 4)
    heap=(-Xmx$SERVICE_HEAP); [[ $name == ws-handler-* ]] && heap=(-Xmx$HANDLER_HEAP -Xmn$HANDLER_YOUNG -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30)
    launch "$name" "$ROOT" "$JAVA" -Xms64m "${heap[@]}" -XX:+UseSerialGC -XX:-UsePerfData \
      "-Djava.io.tmpdir=$TMPD" ${CHAT_JAVA_OPTS:-} -jar "$jar" \
      --spring.profiles.active=local "--server.port=$port" $extra
    todo+=("$spec")
  done
  for spec in "${todo[@]}"; do
    ( name=$(svc_field "$spec" 1); port=$(svc_field "$spec" 3)
      wait_for "$name" "$(<"$(pidfile "$name")")" "$SERVICE_READY_TIMEOUT" ready_service "$port" &&
        secs_since "$t0" >"$RUN/$name.ready" ) &
    jobs+=($!)
  done
  local i=0
  for spec in "${todo[@]}"; do wait "${jobs[$i]}" || failed+=("$(svc_field "$spec" 1)"); i=$((i + 1)); done
  svc_table up
  [[ ${#missing[@]} -eq 0 ]] || err "NOT STARTED, jar missing (build the module first): ${missing[*]}"
  [[ ${#failed[@]} -eq 0 ]] || err "NOT READY: ${failed[*]} (logs: ./chat logs NAME)"
  [[ ${#missing[@]} -eq 0 && ${#failed[@]} -eq 0 ]] || exit 1
  say "all services ready in $(secs_since "$t0")s"
}

svc_table() { # up | status
  local spec name port pid state rss
  printf '%-17s %-8s %-8s %8s  %s\n' SERVICE STATE PID "RSS MiB" URL
  for spec in "${ALL_SPECS[@]}"; do
    name=$(svc_field "$spec" 1); port=$(svc_field "$spec" 3); rss=-
    if [[ " ${SERVICE_SPECS[*]} " != *" $spec "* ]] && ! svc_running "$spec" >/dev/null; then
      continue   # an extra handler nobody asked for
    fi
    if pid=$(svc_running "$spec"); then
      state=running; rss=$(rss_mib "$pid")
      [[ $1 == up ]] && { [[ -f $RUN/$name.ready ]] && state=ready || state=NOTREADY; }
    else
      pid=-; state=stopped; [[ -f $(svc_jar "$spec") ]] || state=no-jar
    fi
    printf '%-17s %-8s %-8s %8s  %s\n' "$name" "$state" "$pid" "$rss" "http://127.0.0.1:$port"
  done
}

svc_down() { # [--all]
  local spec pids=()
  init_dirs; take_lock
  for spec in "${ALL_SPECS[@]}"; do
    stop_proc "$(svc_field "$spec" 1)" "--server.port=$(svc_field "$spec" 3)" "$(svc_jar "$spec")" 30 &
    pids+=($!)
  done
  wait "${pids[@]}" || true
  if [[ ${1:-} == --all ]]; then release_lock; stack_down; fi
  return 0
}

# ---- bare relay (the load tool's reference, docs/performance.md) -----------
RELAY_PORT=8099
RELAY_MARKER=serve-relay

# Builds the load tool and starts its relay on 127.0.0.1:8099 with the services' JVM flags. It needs
# no servers and no services.
relay_up() {
  init_dirs; take_lock; default_java
  say "building the load tool (mvn -B -q -DskipTests -pl loadtest -am package)..."
  local rc=0
  (cd "$ROOT" && mvn -B -q -ntp -Dstyle.color=never -DskipTests -pl loadtest -am package >"$LOGS/build.log" 2>&1 9>&-) || rc=$?
  [[ $rc == 0 ]] || { tail -n 40 "$LOGS/build.log" >&2; err "build failed (mvn exit $rc)"; exit "$rc"; }
  stop_proc bare-relay "$RELAY_MARKER" "--port=$RELAY_PORT" 10
  ensure_ports_free bare-relay "$RELAY_PORT"
  launch bare-relay "$ROOT" "$JAVA" -Xms64m -Xmx256m -XX:+UseSerialGC -XX:-UsePerfData \
    ${CHAT_JAVA_OPTS:-} -jar loadtest/target/loadtest-exec.jar "$RELAY_MARKER" "--port=$RELAY_PORT" --for=120m
  wait_for bare-relay "$(<"$(pidfile bare-relay)")" 60 port_open "$RELAY_PORT" || exit 1
  release_lock
}

relay_down() { stop_proc bare-relay "$RELAY_MARKER" "--port=$RELAY_PORT" 10; }

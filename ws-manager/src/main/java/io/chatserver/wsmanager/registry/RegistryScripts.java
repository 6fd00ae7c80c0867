package io.chatserver.wsmanager.registry;

import io.chatserver.platform.redis.LuaScripts;
import org.springframework.data.redis.core.script.RedisScript;

import java.util.List;

/**
 * The Lua scripts under resources/lua: every multi-key step of the registry is one atomic script; the
 * steps over all of a handler's sessions (reconcile, drop) go a chunk of sessions per script.
 */
final class RegistryScripts {

    static final RedisScript<List> REGISTER = list("register");
    static final RedisScript<Long> UNREGISTER = count("unregister");
    static final RedisScript<Long> RENEW_LEASE = count("renew_lease");
    static final RedisScript<List> DROP_HANDLER = list("drop_handler");
    static final RedisScript<List> RECONCILE_LISTED = list("reconcile_listed");
    static final RedisScript<Long> RECONCILE_UNLISTED = count("reconcile_unlisted");
    static final RedisScript<List> HANDLER_SESSIONS = list("handler_sessions");
    static final RedisScript<List> STATS = list("stats");

    private RegistryScripts() {
    }

    private static RedisScript<List> list(String name) {
        return LuaScripts.load(name, List.class);
    }

    private static RedisScript<Long> count(String name) {
        return LuaScripts.load(name, Long.class);
    }
}

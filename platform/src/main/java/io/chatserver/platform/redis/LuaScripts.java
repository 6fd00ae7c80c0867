package io.chatserver.platform.redis;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Loads a Lua script from the classpath into memory once. A script built straight from a
 * resource re-reads the file whenever Redis answers NOSCRIPT (a fresh or restarted server) and the
 * script is sent again with EVAL: a blocking file read on a Netty event loop.
 */
public final class LuaScripts {

    private LuaScripts() {
    }

    /** The script at {@code classpath:lua/<name>.lua}, returning {@code type}. */
    public static <T> RedisScript<T> load(String name, Class<T> type) {
        ClassPathResource resource = new ClassPathResource("lua/" + name + ".lua");
        try {
            return RedisScript.of(resource.getContentAsString(StandardCharsets.UTF_8), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lua script " + resource.getPath(), e);
        }
    }
}

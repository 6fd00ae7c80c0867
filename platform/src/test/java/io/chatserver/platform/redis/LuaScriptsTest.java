package io.chatserver.platform.redis;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.script.RedisScript;

import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LuaScriptsTest {

    @Test
    void theScriptTextIsHeldInMemoryWithItsSha() {
        RedisScript<Long> script = LuaScripts.load("increment", Long.class);

        assertThat(script.getScriptAsString()).isEqualTo("return tonumber(ARGV[1]) + 1\n");
        assertThat(script.getSha1()).hasSize(40);
        assertThat(script.getResultType()).isEqualTo(Long.class);
    }

    @Test
    void aMissingScriptFailsAtStartupNotOnFirstUse() {
        assertThatThrownBy(() -> LuaScripts.load("no-such-script", Long.class))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("lua/no-such-script.lua");
    }
}

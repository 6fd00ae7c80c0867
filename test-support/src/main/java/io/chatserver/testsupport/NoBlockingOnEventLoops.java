package io.chatserver.testsupport;

import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound once per test JVM: a blocking call on a Netty or Reactor non-blocking thread
 * (JDBC outside its scheduler, a sleep, a file read) then fails the request that made it.
 */
public final class NoBlockingOnEventLoops {

    private static boolean installed;

    private NoBlockingOnEventLoops() {
    }

    public static synchronized void install() {
        if (!installed) {
            BlockHound.install(builder -> builder
                    // Reads /dev/urandom, which never blocks on Linux; used for codes, secrets, ids.
                    .allowBlockingCallsInside("java.security.SecureRandom", "nextBytes")
                    // Validation messages load once per locale and are cached, like classes.
                    .allowBlockingCallsInside("org.hibernate.validator.resourceloading.PlatformResourceBundleLocator",
                            "loadBundle")
                    // Lettuce guards each command write with a lock held for microseconds; two event loops
                    // writing to one connection at once park on it. Thrown at from inside the lock, Lettuce
                    // lost count of its writers and every later command on that connection timed out
                    // (InviteIT's racing joins, CI 2026-12-04; redis/lettuce#3804 is the same wedge).
                    .allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters")
                    .allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "decrementWriters")
                    .allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "doExclusive"));
            installed = true;
        }
    }
}

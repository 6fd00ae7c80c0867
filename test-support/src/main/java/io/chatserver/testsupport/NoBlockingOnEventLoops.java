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
                            "loadBundle"));
            installed = true;
        }
    }
}

package io.chatserver.userservice.registration;

import java.security.SecureRandom;

/** Six random digits from a cryptographic source, with leading zeros ("004217" is a valid code). */
final class CodeGenerator {

    static final int DIGITS = 6;
    private static final int BOUND = 1_000_000;

    private final SecureRandom random;

    CodeGenerator(SecureRandom random) {
        this.random = random;
    }

    String next() {
        return String.format("%06d", random.nextInt(BOUND));
    }
}

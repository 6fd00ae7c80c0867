package io.chatserver.testsupport;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Valid, random phone numbers so tests never collide with each other or with earlier runs
 * (the local stack keeps its data between runs).
 */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /** A German mobile number in E.164, e.g. +4915112345678 (0151 is a real mobile range). */
    public static String randomMobile() {
        return "+49151" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }
}

package io.chatserver.userservice.registration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CodeHasherTest {

    private final CodeHasher hasher = new CodeHasher("a-pepper-of-sixteen-or-more");

    @Test
    void sameCodeAndNumberHashAlike() {
        assertThat(hasher.hash("+4915123456789", "123456")).isEqualTo(hasher.hash("+4915123456789", "123456"));
    }

    @Test
    void hashIsNotTheCode() {
        assertThat(hasher.hash("+4915123456789", "123456")).doesNotContain("123456").hasSize(44);
    }

    @Test
    void otherCodeNumberOrPepperHashDifferently() {
        String hash = hasher.hash("+4915123456789", "123456");
        assertThat(hasher.hash("+4915123456789", "123457")).isNotEqualTo(hash);
        assertThat(hasher.hash("+4915123456780", "123456")).isNotEqualTo(hash);
        assertThat(new CodeHasher("another-pepper-of-sixteen").hash("+4915123456789", "123456")).isNotEqualTo(hash);
    }

    @RepeatedTest(5)
    void generatedCodesAreSixDigits() {
        CodeGenerator generator = new CodeGenerator(new SecureRandom());
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String code = generator.next();
            assertThat(code).matches("[0-9]{6}");
            codes.add(code);
        }
        // 200 draws from a million values: a repeat or two is possible, a constant is a bug.
        assertThat(codes).hasSizeGreaterThan(190);
    }

    @Test
    void smallCodesKeepLeadingZeros() {
        CodeGenerator generator = new CodeGenerator(new SecureRandom() {
            @Override
            public int nextInt(int bound) {
                return 42;
            }
        });
        assertThat(generator.next()).isEqualTo("000042");
    }
}

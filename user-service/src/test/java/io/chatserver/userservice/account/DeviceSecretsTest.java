package io.chatserver.userservice.account;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceSecretsTest {

    private final DeviceSecrets secrets = new DeviceSecrets();

    @Test
    void secretsAre32RandomBytesInBase64Url() {
        String secret = secrets.generate();
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(DeviceSecrets.SECRET_BYTES);
        assertThat(secrets.generate()).isNotEqualTo(secret);
    }

    @Test
    void onlyTheSameSecretMatchesItsHash() {
        String secret = secrets.generate();
        byte[] stored = secrets.hash(secret);
        assertThat(stored).hasSize(32);
        assertThat(secrets.matches(secret, stored)).isTrue();
        assertThat(secrets.matches(secret + "x", stored)).isFalse();
        assertThat(secrets.matches(secrets.generate(), stored)).isFalse();
        assertThat(secrets.matches(secret, new byte[32])).isFalse();
    }
}

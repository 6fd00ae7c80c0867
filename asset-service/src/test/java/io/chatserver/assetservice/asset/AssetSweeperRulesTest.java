package io.chatserver.assetservice.asset;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which rules each mode sweeps by (AssetLifecycleIT runs relay mode's against MariaDB and S3Proxy). */
class AssetSweeperRulesTest {

    private static List<String> ruleNames(AssetsProperties.Lifecycle.Retention retention) {
        var lifecycle = new AssetsProperties.Lifecycle(retention, Duration.ofHours(1), Duration.ofHours(24),
                Duration.ofDays(1), Duration.ofDays(30), 500);
        var limits = new AssetsProperties.Limits(DataSize.ofMegabytes(16), DataSize.ofMegabytes(16),
                DataSize.ofMegabytes(16), DataSize.ofMegabytes(100), DataSize.ofMegabytes(5));
        var properties = new AssetsProperties(limits, DataSize.ofMegabytes(2), DataSize.ofMegabytes(8),
                Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofSeconds(60), 16, lifecycle);
        AssetSweeper sweeper = new AssetSweeper(null, null, properties);
        try {
            return sweeper.rules(Instant.now()).stream().map(AssetSweeper.Rule::name).toList();
        } finally {
            sweeper.destroy();
        }
    }

    @Test
    void relayModeDeletesWhatAllRecipientsFetchedAndWhatExpired() {
        assertThat(ruleNames(AssetsProperties.Lifecycle.Retention.RELAY))
                .containsExactly("abandoned-upload", "unused-profile-photo", "fetched-by-all", "expired");
    }

    @Test
    void historyModeKeepsWhatWasSentAndDeletesOnlyWhatNeverWas() {
        assertThat(ruleNames(AssetsProperties.Lifecycle.Retention.HISTORY))
                .containsExactly("abandoned-upload", "unused-profile-photo", "never-sent");
    }
}

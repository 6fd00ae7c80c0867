package io.chatserver.userservice.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which key signs and which keys are published, at a given instant. A key is published from its
 * creation (before it activates), signs from its activation until the next key activates, and stays
 * published until every token it signed has expired.
 */
final class KeySchedule {

    private static final Comparator<SigningKey> BY_ACTIVATION =
            Comparator.comparing(SigningKey::activatesAt).thenComparing(SigningKey::kid);

    private KeySchedule() {
    }

    /** The key that signs at {@code now}: the latest one already active (the earliest if none is yet). */
    static Optional<SigningKey> current(List<SigningKey> keys, Instant now) {
        return keys.stream().filter(key -> !key.activatesAt().isAfter(now)).max(BY_ACTIVATION)
                .or(() -> keys.stream().min(BY_ACTIVATION));
    }

    /**
     * Keys a verifier must know at {@code now}: upcoming ones, the current one, and older ones whose
     * tokens may still be valid ({@code tokenLifetime} should include the verifiers' clock skew).
     */
    static List<SigningKey> published(List<SigningKey> keys, Instant now, Duration tokenLifetime) {
        List<SigningKey> sorted = new ArrayList<>(keys);
        sorted.sort(BY_ACTIVATION);
        SigningKey current = current(sorted, now).orElse(null);
        List<SigningKey> published = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            SigningKey key = sorted.get(i);
            boolean retired = i + 1 < sorted.size() && key != current && !key.activatesAt().isAfter(now)
                    && !sorted.get(i + 1).activatesAt().plus(tokenLifetime).isAfter(now);
            if (!retired) {
                published.add(key);
            }
        }
        return published;
    }

    /**
     * When the next key should activate, if one should be created now: at once when there is no key
     * (nobody holds a token yet), else one rotation period after the newest key, but never sooner
     * than {@code publishLead} from now.
     */
    static Optional<Instant> nextActivation(List<SigningKey> keys, Instant now, Duration rotation, Duration publishLead) {
        Optional<SigningKey> newest = keys.stream().max(BY_ACTIVATION);
        if (newest.isEmpty()) {
            return Optional.of(now);
        }
        Instant due = newest.get().activatesAt().plus(rotation);
        if (due.minus(publishLead).isAfter(now)) {
            return Optional.empty();
        }
        Instant earliest = now.plus(publishLead);
        return Optional.of(due.isAfter(earliest) ? due : earliest);
    }
}

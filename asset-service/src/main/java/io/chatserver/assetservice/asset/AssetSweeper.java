package io.chatserver.assetservice.asset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Deletes media no message refers to any more (issue 7; A4's modes). Each rule is a condition on the
 * assets table, checked twice: once to find candidates, again when an asset is marked DELETING, in
 * the same statement ({@link AssetDeletion}), so a send in between keeps it (a send updates the same
 * row first, {@link GrantStore#grant}). One that failed half-way is finished by the next round.
 * Several instances may sweep at once: the mark is taken by one.
 */
@Component
final class AssetSweeper implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AssetSweeper.class);

    /** A condition over the assets table and its values; {@code name} tags the metric. */
    record Rule(String name, String where, List<Object> params) {
    }

    private final AssetStore store;
    private final AssetDeletion deletion;
    private final AssetsProperties.Lifecycle lifecycle;
    private final Disposable schedule;

    AssetSweeper(AssetStore store, AssetDeletion deletion, AssetsProperties properties) {
        this.store = store;
        this.deletion = deletion;
        this.lifecycle = properties.lifecycle();
        this.schedule = Flux.interval(lifecycle.sweepInterval())
                .onBackpressureDrop() // a round longer than the interval skips a tick
                .concatMap(tick -> sweep(Instant.now()).onErrorResume(e -> {
                    log.warn("Media clean-up round failed; the next one goes on: {}", e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    /** What the rules take at {@code now}, in the configured mode. */
    List<Rule> rules(Instant now) {
        Timestamp abandoned = Timestamp.from(now.minus(lifecycle.abandonedAfter()));
        Timestamp aged = Timestamp.from(now.minus(lifecycle.maxAge()));
        List<Rule> rules = new ArrayList<>(List.of(
                new Rule("abandoned-upload", "state = 'UPLOADING' AND created_at < ?", List.of(abandoned)),
                new Rule("unused-profile-photo", "state = 'READY' AND first_used_at IS NULL AND kind = 'AVATAR'"
                        + " AND created_at < ?", List.of(abandoned))));
        if (lifecycle.retention() == AssetsProperties.Lifecycle.Retention.HISTORY) {
            // Messages are kept, and so are their files; one uploaded and never sent is not.
            rules.add(new Rule("never-sent", "state = 'READY' AND first_used_at IS NULL AND kind <> 'AVATAR'"
                    + " AND created_at < ?", List.of(aged)));
        } else {
            rules.add(new Rule("fetched-by-all", "all_fetched_at < ? AND state = 'READY' AND kind <> 'AVATAR'",
                    List.of(Timestamp.from(now.minus(lifecycle.keepAfterFetched())))));
            rules.add(new Rule("expired", "kind IN ('IMAGE', 'VIDEO', 'AUDIO', 'FILE') AND state = 'READY'"
                    + " AND last_used_at < ?", List.of(aged)));
        }
        return rules;
    }

    /** One round: at most {@code batch} assets per rule, plus those a failed round left DELETING; emits how many went. */
    Mono<Long> sweep(Instant now) {
        Flux<Long> leftovers = store.matching("state = 'DELETING'", List.of(), lifecycle.batch())
                .flatMapMany(Flux::fromIterable)
                .concatMap(id -> counted(id, "leftover", deletion.finish(id, "leftover").thenReturn(true)));
        Flux<Long> taken = Flux.fromIterable(rules(now)).concatMap(rule -> store.matching(rule.where(), rule.params(),
                        lifecycle.batch())
                .flatMapMany(Flux::fromIterable)
                .concatMap(id -> counted(id, rule.name(), deletion.take(id, rule.where(), rule.params(), rule.name()))));
        return leftovers.concatWith(taken).reduce(0L, Long::sum);
    }

    /** 1 when the asset went; 0 when it no longer matched, or S3 failed (the next round goes on). */
    private static Mono<Long> counted(UUID id, String rule, Mono<Boolean> deleting) {
        return deleting.map(taken -> taken ? 1L : 0L).defaultIfEmpty(0L).onErrorResume(e -> {
            log.warn("Could not delete asset {} ({}); the next round tries again: {}", id, rule, e.toString());
            return Mono.just(0L);
        });
    }

    @Override
    public void destroy() {
        schedule.dispose();
    }
}

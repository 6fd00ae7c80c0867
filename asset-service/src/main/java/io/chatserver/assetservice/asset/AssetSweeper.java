package io.chatserver.assetservice.asset;

import io.chatserver.assetservice.storage.MediaObjects;
import io.micrometer.core.instrument.MeterRegistry;
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
 * the same statement, so a send or a fetch in between keeps it (a send updates the same row first,
 * {@link GrantStore#grant}). A marked asset is no longer fetched, sent or announced; its objects go
 * first, then its rows, so S3 is never left holding a file no row names. One that failed half-way is
 * finished by the next round. Several instances may sweep at once: the mark is taken by one.
 */
@Component
final class AssetSweeper implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AssetSweeper.class);

    /** A condition over the assets table and its values; {@code name} tags the metric. */
    record Rule(String name, String where, List<Object> params) {
    }

    private final AssetStore store;
    private final MediaObjects objects;
    private final MeterRegistry meters;
    private final AssetsProperties.Lifecycle lifecycle;
    private final Disposable schedule;

    AssetSweeper(AssetStore store, MediaObjects objects, MeterRegistry meters, AssetsProperties properties) {
        this.store = store;
        this.objects = objects;
        this.meters = meters;
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
        List<Rule> rules = new ArrayList<>(List.of(
                new Rule("abandoned-upload", "state = 'UPLOADING' AND created_at < ?", List.of(abandoned)),
                new Rule("unused-profile-photo", "kind = 'AVATAR' AND state = 'READY' AND created_at < ?"
                        + " AND NOT EXISTS (SELECT 1 FROM profile_photos p WHERE p.asset_id = assets.id)",
                        List.of(abandoned))));
        Timestamp aged = Timestamp.from(now.minus(lifecycle.maxAge()));
        if (lifecycle.retention() == AssetsProperties.Lifecycle.Retention.HISTORY) {
            // Messages are kept, and so are their files; one uploaded and never sent is not.
            rules.add(new Rule("never-sent", "kind <> 'AVATAR' AND state = 'READY' AND last_used_at < ?"
                    + " AND NOT EXISTS (SELECT 1 FROM asset_grants g WHERE g.asset_id = assets.id)", List.of(aged)));
        }
        if (lifecycle.retention() == AssetsProperties.Lifecycle.Retention.RELAY) {
            rules.add(new Rule("fetched-by-all", "kind <> 'AVATAR' AND state = 'READY' AND all_fetched_at < ?",
                    List.of(Timestamp.from(now.minus(lifecycle.keepAfterFetched())))));
            rules.add(new Rule("expired", "kind <> 'AVATAR' AND state = 'READY' AND last_used_at < ?",
                    List.of(aged)));
        }
        return rules;
    }

    /** One round: at most {@code batch} assets per rule, plus those a failed round left DELETING; emits how many went. */
    Mono<Long> sweep(Instant now) {
        Flux<Long> leftovers = store.matching("state = 'DELETING'", List.of(), lifecycle.batch())
                .flatMapMany(Flux::fromIterable)
                .concatMap(id -> delete(id, "leftover"));
        Flux<Long> taken = Flux.fromIterable(rules(now)).concatMap(rule -> store.matching(rule.where(), rule.params(),
                        lifecycle.batch())
                .flatMapMany(Flux::fromIterable)
                .concatMap(id -> store.markDeleting(id, rule.where(), rule.params())
                        .flatMap(marked -> marked ? delete(id, rule.name()) : Mono.just(0L))));
        return leftovers.concatWith(taken).reduce(0L, Long::sum);
    }

    /** Its objects (an open multipart upload aborted), then its rows; 1 when done, 0 when S3 failed. */
    private Mono<Long> delete(UUID id, String rule) {
        return store.find(id).flatMap(asset -> {
            Mono<Void> upload = asset.uploadId() == null ? Mono.empty()
                    : objects.abortMultipart(asset.objectKey(), asset.uploadId());
            Mono<Void> sizes = asset.kind() != AssetKind.AVATAR ? Mono.empty()
                    : objects.delete(ProfilePhotoStore.photoKey(id)).then(objects.delete(ProfilePhotoStore.thumbnailKey(id)));
            return upload.then(objects.delete(asset.objectKey())).then(sizes)
                    .then(store.purge(id))
                    .then(Mono.fromSupplier(() -> {
                        meters.counter("chat.assets.deleted", "rule", rule).increment();
                        return 1L;
                    }));
        }).onErrorResume(e -> {
            log.warn("Could not delete asset {} ({}); the next round tries again: {}", id, rule, e.toString());
            return Mono.just(0L);
        }).defaultIfEmpty(0L);
    }

    @Override
    public void destroy() {
        schedule.dispose();
    }
}

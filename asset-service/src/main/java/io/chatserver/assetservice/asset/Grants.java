package io.chatserver.assetservice.asset;

import io.chatserver.platform.error.ChatException;
import io.chatserver.protocol.v1.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/**
 * Who may fetch what. The uploader always; anybody else only once a message carrying the asset was
 * sent to them, by someone who could fetch it themselves (so a forward works and a guessed id does
 * not). To everyone else an asset does not exist (2203), uploads in progress included.
 */
@Component
final class Grants {

    private static final Logger log = LoggerFactory.getLogger(Grants.class);

    /** What a caller may do with an asset: everything (the uploader) or fetch it (a recipient). */
    record Access(Asset asset, boolean owner, boolean viewOnce) {
    }

    private final AssetStore assets;
    private final GrantStore grants;

    Grants(AssetStore assets, GrantStore grants) {
        this.assets = assets;
        this.grants = grants;
    }

    Mono<Access> access(UUID user, UUID assetId) {
        return assets.find(assetId).filter(asset -> asset.state() != Asset.State.DELETING)
                .flatMap(asset -> asset.owner().equals(user)
                        ? Mono.just(new Access(asset, true, false))
                        // A profile photo's original is its owner's (grants from before they were refused).
                        : grants.find(assetId, user).flatMap(grant -> grant
                                .filter(g -> asset.state() == Asset.State.READY && asset.kind() != AssetKind.AVATAR)
                                .map(g -> Mono.just(new Access(asset, false, g.viewOnce())))
                                .orElseGet(Mono::empty)))
                .switchIfEmpty(Mono.error(() -> new ChatException(ErrorCode.ASSET_NOT_FOUND, "no asset " + assetId)));
    }

    /** Lets the recipients fetch each asset, once the sender is found to be allowed to send it. */
    Mono<Void> grant(GrantRequest request) {
        List<UUID> recipients = request.recipientUserIds().stream().distinct()
                .filter(recipient -> !recipient.equals(request.senderUserId())).toList();
        return Flux.fromIterable(request.assets())
                .concatMap(item -> access(request.senderUserId(), item.assetId())
                        .flatMap(access -> {
                            if (access.asset().state() != Asset.State.READY) {
                                return Mono.error(new ChatException(ErrorCode.ASSET_NOT_READY, "asset " + item.assetId()
                                        + " is not uploaded and checked yet"));
                            }
                            if (access.asset().kind() == AssetKind.AVATAR) { // its original, with its metadata
                                return Mono.error(new ChatException(ErrorCode.ASSET_TYPE_REFUSED,
                                        "a profile photo is not sent in messages; upload it as IMAGE"));
                            }
                            if (access.viewOnce()) { // else one look would become a copy for anybody
                                return Mono.error(new ChatException(ErrorCode.AUTH_FORBIDDEN,
                                        "a view-once file cannot be forwarded"));
                            }
                            return Mono.just(item);
                        }))
                .collectList()
                // Checked all first: a message with one bad attachment grants nothing.
                .flatMapMany(Flux::fromIterable)
                .concatMap(item -> grants.grant(item.assetId(), request.senderUserId(), recipients, item.once(),
                                AssetStore.now())
                        .flatMap(granted -> granted ? Mono.<Void>empty() : Mono.error(new ChatException(
                                ErrorCode.ASSET_NOT_FOUND, "asset " + item.assetId() + " was deleted meanwhile"))))
                .then();
    }

    /** A recipient was given a download URL (for the clean-up: who has had it). */
    Mono<Void> fetched(Access access, UUID user) {
        // Bookkeeping for the clean-up: a download never fails for it (worst case the file is kept longer).
        return grants.fetched(access.asset().id(), user, AssetStore.now()).onErrorResume(e -> {
            log.warn("Could not note that {} fetched asset {}: {}", user, access.asset().id(), e.toString());
            return Mono.empty();
        });
    }

    /** For a view-once recipient: true the first time each device asks for the download. */
    Mono<Boolean> firstViewOnceFetch(Access access, UUID user, int deviceId) {
        return grants.firstViewOnceFetch(access.asset().id(), user, deviceId, AssetStore.now());
    }
}

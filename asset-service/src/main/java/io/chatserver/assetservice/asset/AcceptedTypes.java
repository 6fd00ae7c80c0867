package io.chatserver.assetservice.asset;

import java.util.Map;
import java.util.Set;

/**
 * The media types accepted per kind, as detected from the bytes. Video containers are R17's: MP4,
 * 3GP, MKV, AVI, MOV. A {@link AssetKind#FILE} may be anything (R15); the others only what an app can
 * show or play. Tika's core detector calls any Ogg stream (Opus voice notes included) application/ogg
 * and a Matroska file application/x-matroska; both are accepted for what they hold.
 */
final class AcceptedTypes {

    private static final Set<String> IMAGES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp",
            "image/heic", "image/heif");
    private static final Map<AssetKind, Set<String>> ACCEPTED = Map.of(
            AssetKind.IMAGE, IMAGES,
            AssetKind.VIDEO, Set.of("video/mp4", "video/3gpp", "video/3gpp2", "video/x-matroska", "application/x-matroska",
                    "video/x-msvideo", "video/quicktime"),
            AssetKind.AUDIO, Set.of("audio/ogg", "application/ogg", "audio/opus", "audio/vorbis", "audio/mp4", "audio/mpeg",
                    "audio/aac", "audio/amr", "audio/vnd.wave", "audio/x-wav", "audio/wav", "audio/webm",
                    "audio/3gpp", "audio/x-flac", "audio/flac"),
            AssetKind.AVATAR, Set.of("image/jpeg", "image/png", "image/webp"));

    private AcceptedTypes() {
    }

    static boolean accepts(AssetKind kind, String detectedType) {
        return kind == AssetKind.FILE || ACCEPTED.get(kind).contains(detectedType);
    }

    static Set<String> of(AssetKind kind) {
        return ACCEPTED.getOrDefault(kind, Set.of("*/*"));
    }
}

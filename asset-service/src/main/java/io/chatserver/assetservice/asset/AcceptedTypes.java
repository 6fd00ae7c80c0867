package io.chatserver.assetservice.asset;

import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
                    "audio/3gpp", "audio/x-flac", "audio/flac", "audio/x-aac", "audio/x-m4a",
                    "application/x-matroska"), // a WebM voice note (a browser's MediaRecorder) is Matroska
            // The server decodes profile photos to make their sizes: only what the JDK's ImageIO reads.
            AssetKind.AVATAR, Set.of("image/jpeg", "image/png"));

    private static final MediaTypeRegistry REGISTRY = MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();
    private static final Map<AssetKind, Set<String>> CANONICAL = canonicalSets();

    private static Map<AssetKind, Set<String>> canonicalSets() {
        Map<AssetKind, Set<String>> sets = new EnumMap<>(AssetKind.class);
        ACCEPTED.forEach((kind, types) -> sets.put(kind, types.stream().map(AcceptedTypes::canonical)
                .collect(Collectors.toUnmodifiableSet())));
        return sets;
    }

    private AcceptedTypes() {
    }

    /** Tika's name for a type, its aliases resolved (audio/aac is audio/x-aac), parameters dropped. */
    static String canonical(String type) {
        MediaType parsed = MediaType.parse(type);
        return parsed == null ? type : REGISTRY.normalize(parsed.getBaseType()).toString();
    }

    static boolean accepts(AssetKind kind, String type) {
        return kind == AssetKind.FILE || CANONICAL.get(kind).contains(canonical(type));
    }

    static Set<String> of(AssetKind kind) {
        return ACCEPTED.getOrDefault(kind, Set.of("*/*"));
    }
}

package io.chatserver.assetservice.asset;

/** What a file is for; each kind has its own size limit and accepted types (R9, R11, R15, R17, R34). */
public enum AssetKind {
    IMAGE, VIDEO, AUDIO, FILE, AVATAR
}

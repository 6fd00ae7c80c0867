package io.chatserver.wshandler.messaging;

/** A token bucket over a millisecond clock reading; not thread-safe (callers synchronize). */
public final class TokenBucket {

    private final double perMilli;
    private final double capacity;
    private double tokens;
    private long lastMillis;

    public TokenBucket(int perSecond, int capacity, long nowMillis) {
        this.perMilli = perSecond / 1000.0;
        this.capacity = capacity;
        this.tokens = capacity;
        this.lastMillis = nowMillis;
    }

    public boolean tryTake(long nowMillis) {
        if (nowMillis > lastMillis) {
            tokens = Math.min(capacity, tokens + (nowMillis - lastMillis) * perMilli);
            lastMillis = nowMillis;
        }
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}

package io.chatserver.wshandler.messaging;

/** Builds a {@link MessageServiceClient} for unit tests of other packages (its constructor is package-private). */
public final class TestMessageServices {

    private TestMessageServices() {
    }

    public static MessageServiceClient client(MessagingProperties properties) {
        return new MessageServiceClient(properties);
    }
}

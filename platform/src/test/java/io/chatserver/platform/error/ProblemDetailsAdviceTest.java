package io.chatserver.platform.error;

import io.chatserver.protocol.v1.ErrorCode;
import org.junit.jupiter.api.Test;
import reactor.netty.channel.AbortedException;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDetailsAdviceTest {

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    @Test
    void aCallerThatWentAwayGetsNothingWrittenAndIsNoError() {
        StepVerifier.create(advice.callerGone(new AbortedException("Connection has been closed BEFORE send operation")))
                .verifyComplete();
    }

    @Test
    void anythingElseUnexpectedIsANumberedInternalError() {
        var response = advice.unexpected(new IllegalStateException("boom"));

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getBody().getProperties()).containsEntry("code", ErrorCode.INTERNAL.getNumber());
    }
}

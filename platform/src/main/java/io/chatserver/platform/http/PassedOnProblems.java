package io.chatserver.platform.http;

import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Mono;

import java.util.function.BiFunction;

/**
 * Reads the numbered problem (RFC 9457, with our {@code code}) out of another service's error
 * answer, so a refusal reaches the app with the number the refusing service gave it. Anything
 * without a known code (a proxy's 502, an unreadable body, INTERNAL) becomes the caller's
 * retryable "unavailable" code instead.
 */
public final class PassedOnProblems {

    private PassedOnProblems() {
    }

    /**
     * For {@code onStatus(..., response -> PassedOnProblems.refusal(response, ...))}.
     *
     * @param unavailable the code for an answer that carries no usable code
     * @param exception   makes the caller's exception from a code and a detail
     */
    public static Mono<Throwable> refusal(ClientResponse response, String service, ErrorCode unavailable,
                                          BiFunction<ErrorCode, String, ? extends Throwable> exception) {
        return response.bodyToMono(Problem.class)
                .map(problem -> {
                    ErrorCode code = known(problem.code(), unavailable);
                    return (Throwable) exception.apply(code, problem.detail() == null ? code.name() : problem.detail());
                })
                .onErrorResume(e -> Mono.empty())
                .defaultIfEmpty(exception.apply(unavailable, service + " answered " + response.statusCode().value()));
    }

    static ErrorCode known(Integer number, ErrorCode unavailable) {
        ErrorCode code = number == null ? null : ErrorCode.forNumber(number);
        if (code == null || code == ErrorCode.INTERNAL || code == ErrorCode.ERROR_CODE_UNSPECIFIED) {
            return unavailable;
        }
        return code;
    }

    /** The fields of a problem this reads. */
    record Problem(Integer code, String detail) {
    }
}

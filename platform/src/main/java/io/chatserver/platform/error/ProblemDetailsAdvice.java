package io.chatserver.platform.error;

import io.chatserver.protocol.v1.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

import java.util.List;
import java.util.Map;

/** Turns refused requests into numbered problems; nothing reaches the client as a bare 500 page. */
@RestControllerAdvice
public class ProblemDetailsAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ChatException.class)
    ResponseEntity<ProblemDetail> refused(ChatException e) {
        return respond(Problems.of(e.code(), e.getMessage()));
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> invalid(WebExchangeBindException e) {
        List<Map<String, String>> fields = e.getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = Problems.of(ErrorCode.VALIDATION_FAILED, "request has invalid fields");
        problem.setProperty("fields", fields);
        return respond(problem);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e) {
        return respond(Problems.of(ErrorCode.MALFORMED_REQUEST, e.getReason()));
    }

    /** Framework refusals (unknown path, wrong method or media type) keep their status and get a code. */
    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<ProblemDetail> framework(ErrorResponseException e) {
        int status = e.getStatusCode().value();
        ErrorCode code = status == 404 ? ErrorCode.NOT_FOUND
                : status >= 500 ? ErrorCode.INTERNAL : ErrorCode.MALFORMED_REQUEST;
        ProblemDetail problem = Problems.of(code, e.getBody().getDetail());
        problem.setStatus(status);
        return respond(problem);
    }

    /**
     * The caller went away (its timeout ran out) before the answer could be written: nobody is left
     * to tell, and under load there are many, so this is no error worth a stack trace.
     */
    @ExceptionHandler(AbortedException.class)
    Mono<Void> callerGone(AbortedException e) {
        log.debug("caller went away before the answer: {}", e.toString());
        return Mono.empty();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return respond(Problems.of(ErrorCode.INTERNAL, null));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}

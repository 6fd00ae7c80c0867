package io.chatserver.platform.error;

import io.chatserver.protocol.ErrorCodes;
import io.chatserver.protocol.v1.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 9457 problem details for an error code: {@code type} names the error, {@code code} carries
 * its number from errors.proto, {@code title} its default text, {@code detail} what went wrong here.
 */
public final class Problems {

    private static final String TYPE_PREFIX = "https://chatserver.io/errors/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatus(ErrorCodes.httpStatus(code));
        problem.setType(URI.create(TYPE_PREFIX + code.getNumber()));
        problem.setTitle(ErrorCodes.defaultMessage(code));
        if (detail != null && !detail.isBlank()) {
            problem.setDetail(detail);
        }
        problem.setProperty("code", code.getNumber());
        problem.setProperty("error", code.name());
        return problem;
    }

    /** Writes a problem straight to the response, for filters that run before controllers. */
    public static Mono<Void> write(ServerWebExchange exchange, ErrorCode code, String detail) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.valueOf(ErrorCodes.httpStatus(code)));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = JSON.writeValueAsBytes(asMap(of(code, detail)));
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    static Map<String, Object> asMap(ProblemDetail problem) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", problem.getType().toString());
        fields.put("title", problem.getTitle());
        fields.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            fields.put("detail", problem.getDetail());
        }
        if (problem.getProperties() != null) {
            fields.putAll(problem.getProperties());
        }
        return fields;
    }
}

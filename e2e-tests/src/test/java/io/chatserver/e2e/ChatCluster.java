package io.chatserver.e2e;

import io.chatserver.testsupport.FreePorts;
import io.chatserver.testsupport.RepoRoot;
import io.chatserver.testsupport.ServiceProcess;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Every service the messaging path needs, each its own process from its packaged jar, against the
 * real local stack: user-service, ws-manager, message-service, group-service and two ws-handlers. Handler 1 lets
 * tests send fast (bulk senders connect there); handler 2 limits each device to 10 sends a second
 * (bursts of 20), below what one connection gets through here, so a flood trips the limit.
 */
final class ChatCluster implements AutoCloseable {

    static final int HANDLER2_SEND_RATE = 10;
    static final int HANDLER2_SEND_BURST = 20;

    private static final List<String> UNLIMITED = List.of(
            "--chat.ws-handler.messaging.send-rate-per-second=100000",
            "--chat.ws-handler.messaging.send-burst=100000");

    private final Path root = RepoRoot.find();
    private final String runId;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final List<String> handlerArgs;
    private final List<String> messageArgs;

    /** Every process of the cluster, for CPU accounting. */
    List<ServiceProcess> services() {
        synchronized (services) {
            return List.copyOf(services);
        }
    }
    final ServiceProcess userService;
    /** Where user-service and message-service look for asset-service; the media tests start one there. */
    final int assetServicePort = FreePorts.next();
    final ServiceProcess wsManager;
    ServiceProcess messageService;
    final ServiceProcess groupService;
    ServiceProcess handler1;
    ServiceProcess handler2;

    ChatCluster(String runId) {
        this(runId, true);
    }

    /** limitHandler2 false: both handlers let devices send as fast as they can (benchmarks). */
    ChatCluster(String runId, boolean limitHandler2) {
        this(runId, limitHandler2, List.of());
    }

    /** handlerArgs: more arguments for both handlers (shorter sweeps, say). */
    ChatCluster(String runId, boolean limitHandler2, List<String> handlerArgs) {
        this(runId, limitHandler2, handlerArgs, List.of());
    }

    /** messageServiceArgs: more arguments for message-service (its retention mode, say). */
    ChatCluster(String runId, boolean limitHandler2, List<String> handlerArgs, List<String> messageServiceArgs) {
        this.runId = runId;
        this.handlerArgs = List.copyOf(handlerArgs);
        int userServicePort = FreePorts.next();
        int wsManagerPort = FreePorts.next();
        int messageServicePort = FreePorts.next();
        int groupServicePort = FreePorts.next();
        String userServiceUrl = "http://127.0.0.1:" + userServicePort;
        String wsManagerUrl = "http://127.0.0.1:" + wsManagerPort;
        var userService = async(() -> ServiceProcess.start(root, "user-service", "user-service", userServicePort, List.of(
                "--chat.registration.test-hook-enabled=true",
                // Every test registers from 127.0.0.1; the production per-address limit would trip.
                "--chat.registration.ip-limit=1000000",
                "--chat.registration.resend-cooldown=1s",
                // Tests that need hundreds of users (a full group) seed them in one call.
                "--chat.registration.seeding-enabled=true",
                "--chat.user-service.ws-manager-url=" + wsManagerUrl,
                "--chat.user-service.asset-service-url=http://127.0.0.1:" + assetServicePort)));
        var wsManager = async(() -> ServiceProcess.start(root, "ws-manager", "ws-manager", wsManagerPort, List.of()));
        List<String> messageArgs = new ArrayList<>(List.of(
                "--chat.instance-id=message-service-e2e",
                "--chat.messaging.user-service-url=" + userServiceUrl,
                "--chat.security.jwks-uri=" + userServiceUrl + "/.well-known/jwks.json",
                "--chat.messaging.group-service-url=http://127.0.0.1:" + groupServicePort,
                "--chat.messaging.asset-service-url=http://127.0.0.1:" + assetServicePort));
        messageArgs.addAll(messageServiceArgs);
        this.messageArgs = List.copyOf(messageArgs);
        var messageService = async(() -> ServiceProcess.start(root, "message-service", "message-service",
                messageServicePort, messageArgs));
        var groupService = async(() -> ServiceProcess.start(root, "group-service", "group-service", groupServicePort,
                List.of("--chat.groups.user-service-url=" + userServiceUrl,
                        "--chat.security.jwks-uri=" + userServiceUrl + "/.well-known/jwks.json")));
        this.userService = join(userService);
        this.wsManager = join(wsManager);
        this.messageService = join(messageService);
        this.groupService = join(groupService);
        var first = async(() -> startHandler("e2e-h1-" + runId, UNLIMITED));
        var second = async(() -> startHandler("e2e-h2-" + runId, limitHandler2 ? List.of(
                "--chat.ws-handler.messaging.send-rate-per-second=" + HANDLER2_SEND_RATE,
                "--chat.ws-handler.messaging.send-burst=" + HANDLER2_SEND_BURST) : UNLIMITED));
        this.handler1 = join(first);
        this.handler2 = join(second);
    }

    /** Starts handler 1 again (same instance id, new port) if a test killed it. */
    void restartHandler1IfDead() {
        if (handler1.isAlive()) {
            return;
        }
        handler1 = startHandler("e2e-h1-" + runId, UNLIMITED);
    }

    /** Kills message-service (SIGKILL: no shutdown, as when its pod dies); {@link #restartMessageService} brings it back. */
    void killMessageService() {
        messageService.kill();
    }

    /** Starts message-service again on the port it had, so the handlers reach it where they did; returns once ready. */
    void restartMessageService() {
        ServiceProcess killed = messageService;
        ServiceProcess restarted = ServiceProcess.start(root, "message-service", "message-service", killed.port(),
                messageArgs);
        synchronized (services) {
            services.remove(killed);
            services.add(restarted);
        }
        messageService = restarted;
    }

    static URI wsUri(ServiceProcess handler) {
        return URI.create("ws://127.0.0.1:" + handler.port() + "/v1/ws");
    }

    String handlerId(ServiceProcess handler) {
        return handler == handler1 ? "e2e-h1-" + runId : "e2e-h2-" + runId;
    }

    private ServiceProcess startHandler(String instanceId, List<String> extra) {
        List<String> args = new ArrayList<>(List.of(
                "--chat.instance-id=" + instanceId,
                "--chat.ws-handler.ws-manager-url=" + wsManager.baseUri(),
                "--chat.ws-handler.lease-renew-interval=2s",
                "--chat.ws-handler.messaging.message-service-url=" + messageService.baseUri(),
                "--chat.security.jwks-uri=" + userService.baseUri().resolve("/.well-known/jwks.json")));
        args.addAll(extra);
        args.addAll(handlerArgs);
        ServiceProcess handler = ServiceProcess.start(root, "ws-handler", instanceId, FreePorts.next(), args);
        synchronized (services) {
            services.add(handler);
        }
        return handler;
    }

    private <T extends ServiceProcess> CompletableFuture<T> async(Supplier<T> start) {
        return CompletableFuture.supplyAsync(() -> {
            T service = start.get();
            synchronized (services) {
                services.add(service);
            }
            return service;
        });
    }

    private <T> T join(CompletableFuture<T> started) {
        try {
            return started.join();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        synchronized (services) {
            services.forEach(ServiceProcess::close);
        }
    }
}

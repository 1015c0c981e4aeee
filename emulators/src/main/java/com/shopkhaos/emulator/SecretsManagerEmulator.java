package com.shopkhaos.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * AWS Secrets Manager's JSON API (the operations this project calls: CreateSecret, GetSecretValue,
 * PutSecretValue, DescribeSecret, ListSecrets, DeleteSecret), in memory, on a free loopback port. There is no Secrets Manager
 * emulator to reuse here, so this is a small, faithful one: same targets, same fields, same error types.
 */
public final class SecretsManagerEmulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param deletionDate when a secret deleted with a recovery window goes for good; null: not scheduled for deletion */
    private record Secret(String arn, String name, String value, String versionId, Instant createdAt, Instant deletionDate) {
        Secret(String arn, String name, String value, String versionId, Instant createdAt) {
            this(arn, name, value, versionId, createdAt, null);
        }

        boolean scheduledForDeletion() {
            return deletionDate != null;
        }
    }

    private final Map<String, Secret> byName = new ConcurrentHashMap<>();
    private final HttpServer server;

    private SecretsManagerEmulator(HttpServer server) {
        this.server = server;
    }

    public static SecretsManagerEmulator start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            SecretsManagerEmulator emulator = new SecretsManagerEmulator(server);
            server.createContext("/", emulator::handle);
            server.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "secretsmanager-emulator");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return emulator;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Secrets Manager emulator", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The ARN a secret of this name has (or will have) here; stable for a name within one run. */
    public String arnFor(String name) {
        return Optional.ofNullable(byName.get(name)).map(Secret::arn).orElseGet(() -> newArn(name));
    }

    private static String newArn(String name) {
        String suffix = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString().substring(0, 6);
        return "arn:aws:secretsmanager:" + LocalCloud.REGION + ":" + LocalCloud.ACCOUNT_ID + ":secret:" + name + "-" + suffix;
    }

    /** Creates or replaces a secret directly (how the local cloud seeds the template's secrets). */
    public String put(String name, String value) {
        Secret secret = new Secret(arnFor(name), name, value, UUID.randomUUID().toString(), Instant.now());
        byName.put(name, secret);
        return secret.arn();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String operation = target.startsWith("secretsmanager.") ? target.substring("secretsmanager.".length()) : target;
            switch (operation) {
                case "CreateSecret" -> createSecret(exchange, request);
                case "GetSecretValue" -> getSecretValue(exchange, request);
                case "PutSecretValue" -> putSecretValue(exchange, request);
                case "DescribeSecret" -> describeSecret(exchange, request);
                case "ListSecrets" -> listSecrets(exchange, request);
                case "DeleteSecret" -> deleteSecret(exchange, request);
                default -> error(exchange, "InvalidRequestException", "operation " + operation + " is not emulated");
            }
        } catch (RuntimeException e) {
            error(exchange, "InternalServiceError", String.valueOf(e.getMessage()));
        }
    }

    private void createSecret(HttpExchange exchange, JsonNode request) throws IOException {
        String name = text(request, "Name");
        if (name == null || name.isBlank()) {
            error(exchange, "InvalidParameterException", "Name is required");
            return;
        }
        Secret secret = new Secret(arnFor(name), name, text(request, "SecretString"), UUID.randomUUID().toString(), Instant.now());
        Secret existing = byName.putIfAbsent(name, secret);
        if (existing != null && existing.scheduledForDeletion()) {
            error(exchange, "InvalidRequestException", "You can't create this secret because a secret with this name is already"
                    + " scheduled for deletion.");
            return;
        }
        if (existing != null) {
            error(exchange, "ResourceExistsException", "The operation failed because the secret " + name + " already exists.");
            return;
        }
        ok(exchange, JSON.createObjectNode().put("ARN", secret.arn()).put("Name", name).put("VersionId", secret.versionId()));
    }

    private void getSecretValue(HttpExchange exchange, JsonNode request) throws IOException {
        Optional<Secret> secret = find(text(request, "SecretId"));
        if (secret.isEmpty()) {
            error(exchange, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
            return;
        }
        Secret s = secret.get();
        if (s.scheduledForDeletion()) {
            markedForDeletion(exchange);
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("ARN", s.arn()).put("Name", s.name()).put("VersionId", s.versionId())
                .put("SecretString", s.value()).put("CreatedDate", s.createdAt().getEpochSecond());
        body.putArray("VersionStages").add("AWSCURRENT");
        ok(exchange, body);
    }

    private void putSecretValue(HttpExchange exchange, JsonNode request) throws IOException {
        Optional<Secret> existing = find(text(request, "SecretId"));
        if (existing.isEmpty()) {
            error(exchange, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
            return;
        }
        if (existing.get().scheduledForDeletion()) {
            markedForDeletion(exchange);
            return;
        }
        Secret s = new Secret(existing.get().arn(), existing.get().name(), text(request, "SecretString"),
                UUID.randomUUID().toString(), existing.get().createdAt());
        byName.put(s.name(), s);
        ObjectNode body = JSON.createObjectNode().put("ARN", s.arn()).put("Name", s.name()).put("VersionId", s.versionId());
        body.putArray("VersionStages").add("AWSCURRENT");
        ok(exchange, body);
    }

    private void describeSecret(HttpExchange exchange, JsonNode request) throws IOException {
        Optional<Secret> secret = find(text(request, "SecretId"));
        if (secret.isEmpty()) {
            error(exchange, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("ARN", secret.get().arn()).put("Name", secret.get().name())
                .put("CreatedDate", secret.get().createdAt().getEpochSecond());
        if (secret.get().scheduledForDeletion()) {
            body.put("DeletedDate", Instant.now().getEpochSecond());
        }
        ok(exchange, body);
    }

    /**
     * DeleteSecret as AWS does it: {@code ForceDeleteWithoutRecovery} removes the secret at once; otherwise it is
     * scheduled for deletion after {@code RecoveryWindowInDays} (7 to 30, default 30), and until then reads, writes
     * and a CreateSecret of the same name are refused. Both together are refused; an unknown secret is not found.
     */
    private void deleteSecret(HttpExchange exchange, JsonNode request) throws IOException {
        boolean force = request.path("ForceDeleteWithoutRecovery").asBoolean(false);
        boolean windowGiven = request.hasNonNull("RecoveryWindowInDays");
        int window = request.path("RecoveryWindowInDays").asInt(30);
        if (force && windowGiven) {
            error(exchange, "InvalidParameterException",
                    "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
            return;
        }
        if (!force && (window < 7 || window > 30)) {
            error(exchange, "InvalidParameterException", "RecoveryWindowInDays must be between 7 and 30 days.");
            return;
        }
        Optional<Secret> secret = find(text(request, "SecretId"));
        if (secret.isEmpty()) {
            error(exchange, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
            return;
        }
        Secret s = secret.get();
        Instant deletionDate = force ? Instant.now() : Instant.now().plus(Duration.ofDays(window));
        if (force) {
            byName.remove(s.name());
        } else if (s.scheduledForDeletion()) {
            markedForDeletion(exchange);
            return;
        } else {
            byName.put(s.name(), new Secret(s.arn(), s.name(), s.value(), s.versionId(), s.createdAt(), deletionDate));
        }
        ok(exchange, JSON.createObjectNode().put("ARN", s.arn()).put("Name", s.name())
                .put("DeletionDate", deletionDate.getEpochSecond()));
    }

    private static void markedForDeletion(HttpExchange exchange) throws IOException {
        error(exchange, "InvalidRequestException",
                "You can't perform this operation on the secret because it was marked for deletion.");
    }

    /** ListSecrets with the {@code name} filter (a prefix match, as in AWS); one page holds everything; secrets
     * scheduled for deletion are left out (AWS lists them only with IncludePlannedDeletion). */
    private void listSecrets(HttpExchange exchange, JsonNode request) throws IOException {
        List<String> prefixes = new ArrayList<>();
        for (JsonNode filter : request.path("Filters")) {
            if (!filter.path("Key").asText().equals("name")) {
                error(exchange, "InvalidParameterException", "only the name filter is emulated");
                return;
            }
            filter.path("Values").forEach(v -> prefixes.add(v.asText()));
        }
        ObjectNode body = JSON.createObjectNode();
        var list = body.putArray("SecretList");
        byName.values().stream().filter(s -> !s.scheduledForDeletion())
                .filter(s -> prefixes.isEmpty() || prefixes.stream().anyMatch(p -> s.name().startsWith(p)))
                .sorted(Comparator.comparing(Secret::name))
                .forEach(s -> list.addObject().put("ARN", s.arn()).put("Name", s.name())
                        .put("CreatedDate", s.createdAt().getEpochSecond()));
        ok(exchange, body);
    }

    private Optional<Secret> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Secret byExactName = byName.get(id);
        if (byExactName != null) {
            return Optional.of(byExactName);
        }
        return byName.values().stream().filter(s -> s.arn().equals(id)).findFirst();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void ok(HttpExchange exchange, JsonNode body) throws IOException {
        send(exchange, 200, JSON.writeValueAsBytes(body), null);
    }

    private static void error(HttpExchange exchange, String type, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("__type", type).put("Message", message);
        send(exchange, 400, JSON.writeValueAsBytes(body), type);
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String errorType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

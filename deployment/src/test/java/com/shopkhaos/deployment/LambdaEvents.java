package com.shopkhaos.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The events AWS hands a function, in the shapes AWS documents: API Gateway HTTP API payload format 2.0, an SQS
 * batch (with {@code attributes.ApproximateReceiveCount} and {@code messageAttributes}), and EventBridge Scheduler's
 * target input (the schedule's {@code Input} as it is).
 */
final class LambdaEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaEvents() {
    }

    /**
     * An HTTP API (v2) request for a route the template declares ({@code routeKey} e.g. {@code POST /ops/api/{proxy+}}).
     * With {@code claims}, API Gateway's JWT authorizer let it through and passes them in {@code requestContext}.
     */
    static String httpApi(String routeKey, String method, String rawPath, String rawQuery, Map<String, String> headers,
                          String body, Map<String, String> pathParameters, Map<String, String> claims) {
        ObjectNode e = JSON.createObjectNode();
        Instant now = Instant.now();
        e.put("version", "2.0");
        e.put("routeKey", routeKey);
        e.put("rawPath", rawPath);
        e.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            ObjectNode query = e.putObject("queryStringParameters");
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        ObjectNode h = e.putObject("headers");
        h.put("host", "abc123.execute-api.eu-west-2.amazonaws.com");
        h.put("x-forwarded-proto", "https");
        h.put("x-forwarded-port", "443");
        h.put("x-forwarded-for", "203.0.113.7");
        h.put("user-agent", "deployment-test");
        if (body != null) {
            h.put("content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        }
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
        if (pathParameters != null && !pathParameters.isEmpty()) {
            ObjectNode p = e.putObject("pathParameters");
            pathParameters.forEach(p::put);
        }
        ObjectNode ctx = e.putObject("requestContext");
        ctx.put("accountId", "123456789012");
        ctx.put("apiId", "abc123");
        ctx.put("domainName", "abc123.execute-api.eu-west-2.amazonaws.com");
        ctx.put("domainPrefix", "abc123");
        ObjectNode http = ctx.putObject("http");
        http.put("method", method);
        http.put("path", rawPath);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "203.0.113.7");
        http.put("userAgent", "deployment-test");
        ctx.put("requestId", UUID.randomUUID().toString());
        ctx.put("routeKey", routeKey);
        ctx.put("stage", "$default");
        ctx.put("time", DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).format(now.atOffset(ZoneOffset.UTC)));
        ctx.put("timeEpoch", now.toEpochMilli());
        if (claims != null) {
            ObjectNode jwt = ctx.putObject("authorizer").putObject("jwt");
            ObjectNode c = jwt.putObject("claims");
            claims.forEach(c::put);
            jwt.putNull("scopes");
        }
        if (body != null) {
            e.put("body", body);
        }
        e.put("isBase64Encoded", false);
        return e.toString();
    }

    /** A record of an SQS batch as the event source mapping delivers it. */
    record SqsRecord(String messageId, String body, int receiveCount) {
        static SqsRecord of(String body) {
            return new SqsRecord(UUID.randomUUID().toString(), body, 1);
        }
    }

    static String sqs(String queueArn, List<SqsRecord> records) {
        ObjectNode e = JSON.createObjectNode();
        ArrayNode list = e.putArray("Records");
        long sent = Instant.now().toEpochMilli();
        for (SqsRecord r : records) {
            ObjectNode n = list.addObject();
            n.put("messageId", r.messageId());
            n.put("receiptHandle", "AQEB" + UUID.randomUUID().toString().replace("-", ""));
            n.put("body", r.body());
            ObjectNode attributes = n.putObject("attributes");
            attributes.put("ApproximateReceiveCount", String.valueOf(r.receiveCount()));
            attributes.put("SentTimestamp", String.valueOf(sent));
            attributes.put("SenderId", "AIDAIENQZJOLO23YVJ4VO");
            attributes.put("ApproximateFirstReceiveTimestamp", String.valueOf(sent + 5));
            n.putObject("messageAttributes");
            n.put("md5OfBody", md5(r.body()));
            n.put("eventSource", "aws:sqs");
            n.put("eventSourceARN", queueArn);
            n.put("awsRegion", "eu-west-2");
        }
        return e.toString();
    }

    private static String md5(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token as a browser sends it; API Gateway's authorizer checked its signature before the function runs. */
    static String bearer(Map<String, String> claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        ObjectNode payload = JSON.createObjectNode();
        claims.forEach(payload::put);
        return "Bearer " + b64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }
}

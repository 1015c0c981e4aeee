package com.shopkhaos.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.emulator.CloudFormationTemplate.Resource;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The AWS side of a local run, built from {@code template.yaml} (the one source of truth): starts
 * the emulators, creates every DynamoDB table, SQS queue and secret the template declares, and
 * resolves each function's environment variables to their local values.
 */
public final class LocalCloud implements AutoCloseable {
    public static final String REGION = "eu-west-2";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]+)}");

    private final CloudFormationTemplate template;
    private final String stackName;
    private final Map<String, String> parameterOverrides;
    private final DynaliteEmulator dynamo;
    private final ElasticMqEmulator sqs;
    private final SecretsManagerEmulator secrets;
    private final DynamoDbClient dynamoClient;
    private final SqsClient sqsClient;
    private final SecretsManagerClient secretsClient;
    private final Map<String, String> queueUrls = new LinkedHashMap<>();
    private final Map<String, String> secretArns = new LinkedHashMap<>();

    /** Variables that say which function of a shared artifact runs; the sandbox runs them all. */
    static final Set<String> PER_FUNCTION = Set.of("QUARKUS_FUNQY_EXPORT");

    private LocalCloud(Path templateFile, Path repoRoot, String stackName, Map<String, String> parameterOverrides) {
        this.template = CloudFormationTemplate.read(templateFile);
        this.stackName = stackName;
        this.parameterOverrides = Map.copyOf(parameterOverrides);
        List<AutoCloseable> started = new ArrayList<>();
        try {
            this.dynamo = DynaliteEmulator.start(repoRoot);
            started.add(dynamo);
            this.sqs = ElasticMqEmulator.start();
            started.add(sqs);
            this.secrets = SecretsManagerEmulator.start();
            started.add(secrets);
        } catch (RuntimeException e) {
            started.forEach(LocalCloud::closeQuietly);
            throw e;
        }
        this.dynamoClient = configure(DynamoDbClient.builder(), dynamo.endpoint()).build();
        this.sqsClient = configure(SqsClient.builder(), sqs.endpoint()).build();
        this.secretsClient = configure(SecretsManagerClient.builder(), secrets.endpoint()).build();
    }

    /**
     * Starts the emulators and creates the template's resources.
     *
     * @param secretValues values for the template's secrets, by logical id (others get a random value,
     *                     as {@code GenerateSecretString} would)
     */
    public static LocalCloud start(Path templateFile, Path repoRoot, String stackName,
                                   Map<String, String> parameterOverrides, Map<String, String> secretValues) {
        LocalCloud cloud = new LocalCloud(templateFile, repoRoot, stackName, parameterOverrides);
        try {
            cloud.createResources(secretValues);
            return cloud;
        } catch (RuntimeException e) {
            cloud.close();
            throw e;
        }
    }

    /** The repository's own {@code template.yaml}, stack name {@code sandbox}. */
    public static LocalCloud startFromRepository(Map<String, String> secretValues) {
        Path root = RepositoryRoot.locate();
        return start(root.resolve("template.yaml"), root, "sandbox", Map.of(), secretValues);
    }

    static <B extends AwsClientBuilder<B, ?>
            & SdkSyncClientBuilder<B, ?>> B configure(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    private void createResources(Map<String, String> secretValues) {
        Map<String, Resource> resources = template.resources();
        for (Resource r : resources.values()) {
            if (r.type().equals("AWS::SecretsManager::Secret")) {
                createSecret(r, secretValues.get(r.logicalId()));
            }
        }
        for (Resource r : resources.values()) {
            if (r.type().equals("AWS::DynamoDB::Table")) {
                createTable(r);
            }
        }
        // queues without a redrive policy first: they are the dead-letter targets of the others
        resources.values().stream().filter(r -> r.type().equals("AWS::SQS::Queue"))
                .sorted((a, b) -> Boolean.compare(a.properties().containsKey("RedrivePolicy"),
                        b.properties().containsKey("RedrivePolicy")))
                .forEach(this::createQueue);
    }

    private void createSecret(Resource r, String configuredValue) {
        String name = r.properties().containsKey("Name") ? str(resolve(r.properties().get("Name"))) : r.logicalId();
        String value = configuredValue;
        if (value == null && r.properties().containsKey("SecretString")) {
            value = str(resolve(r.properties().get("SecretString")));
        }
        if (value == null) {
            value = generated(map(r.properties().get("GenerateSecretString")));
        }
        secretArns.put(r.logicalId(), secrets.put(name, value));
    }

    private void createTable(Resource r) {
        Map<String, Object> p = r.properties();
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName(r))
                .attributeDefinitions(list(p.get("AttributeDefinitions")).stream()
                        .map(a -> AttributeDefinition.builder().attributeName(str(map(a).get("AttributeName")))
                                .attributeType(str(map(a).get("AttributeType"))).build()).toList())
                .keySchema(keySchema(p.get("KeySchema")))
                .billingMode(BillingMode.PAY_PER_REQUEST);
        List<GlobalSecondaryIndex> indexes = list(p.get("GlobalSecondaryIndexes")).stream()
                .map(i -> GlobalSecondaryIndex.builder()
                        .indexName(str(map(i).get("IndexName")))
                        .keySchema(keySchema(map(i).get("KeySchema")))
                        .projection(projection(map(map(i).get("Projection"))))
                        .build())
                .toList();
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        createTable(request.build());
    }

    /**
     * Creates a table and returns once DynamoDB says it is {@code ACTIVE}. dynalite flips a new table from
     * {@code CREATING} on a timer, even with {@code createTableMs: 0}; a call that reaches it first is refused with
     * ResourceNotFound (seen in CI: a test's first read of its fresh table), so nothing uses a table before this returns.
     */
    public void createTable(CreateTableRequest request) {
        dynamoClient.createTable(request);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (dynamoClient.describeTable(r -> r.tableName(request.tableName())).table().tableStatus() != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + request.tableName() + " did not become ACTIVE within 30 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + request.tableName(), e);
            }
        }
    }

    private static List<KeySchemaElement> keySchema(Object schema) {
        return list(schema).stream().map(k -> KeySchemaElement.builder().attributeName(str(map(k).get("AttributeName")))
                .keyType(str(map(k).get("KeyType"))).build()).toList();
    }

    private static Projection projection(Map<String, Object> p) {
        Projection.Builder projection = Projection.builder()
                .projectionType(p.containsKey("ProjectionType") ? str(p.get("ProjectionType")) : "KEYS_ONLY");
        if (p.containsKey("NonKeyAttributes")) {
            projection.nonKeyAttributes(list(p.get("NonKeyAttributes")).stream().map(LocalCloud::str).toList());
        }
        return projection.build();
    }

    private void createQueue(Resource r) {
        Map<String, Object> p = r.properties();
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        p.forEach((key, value) -> {
            switch (key) {
                case "QueueName", "Tags", "SqsManagedSseEnabled", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds",
                        "RedriveAllowPolicy" -> {
                }
                case "RedrivePolicy" -> attributes.put(QueueAttributeName.REDRIVE_POLICY, redrivePolicy(value));
                default -> attributes.put(QueueAttributeName.fromValue(key), str(resolve(value)));
            }
        });
        String url = sqsClient.createQueue(b -> b.queueName(queueName(r)).attributes(attributes)).queueUrl();
        queueUrls.put(r.logicalId(), url);
    }

    private String redrivePolicy(Object value) {
        Object resolved = resolve(value);
        if (resolved instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(resolved);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad RedrivePolicy " + resolved, e);
        }
    }

    private String tableName(Resource r) {
        return r.properties().containsKey("TableName") ? str(resolve(r.properties().get("TableName"))) : r.logicalId();
    }

    private String queueName(Resource r) {
        return r.properties().containsKey("QueueName") ? str(resolve(r.properties().get("QueueName"))) : r.logicalId();
    }

    /** A function's environment variables (globals merged in) with local values. */
    public Map<String, String> functionEnvironment(String functionLogicalId) {
        Resource function = template.resources().get(functionLogicalId);
        if (function == null || !function.type().equals("AWS::Serverless::Function")) {
            throw new IllegalArgumentException("no AWS::Serverless::Function " + functionLogicalId + " in the template");
        }
        Map<String, String> env = new TreeMap<>();
        template.globalFunctionVariables().forEach((k, v) -> env.put(k, str(resolve(v))));
        Map<String, Object> environment = CloudFormationTemplate.cast(function.properties().get("Environment"));
        CloudFormationTemplate.cast(environment.get("Variables")).forEach((k, v) -> env.put(k, str(resolve(v))));
        return env;
    }

    /**
     * Every function's variables together (how the sandbox runs all flows in one JVM); a name must mean one
     * value ({@link #PER_FUNCTION} selectors aside).
     */
    public Map<String, String> allFunctionsEnvironment() {
        Map<String, String> all = new TreeMap<>();
        template.resources().values().stream().filter(r -> r.type().equals("AWS::Serverless::Function"))
                .forEach(f -> functionEnvironment(f.logicalId()).forEach((k, v) -> {
                    if (PER_FUNCTION.contains(k)) {
                        return;
                    }
                    String before = all.putIfAbsent(k, v);
                    if (before != null && !before.equals(v)) {
                        throw new IllegalStateException("environment variable " + k + " means " + before + " in one function and "
                                + v + " in " + f.logicalId() + "; give them different names");
                    }
                }));
        return all;
    }

    /** What a function's Quarkus test needs: its template environment and the emulator endpoints. */
    public Map<String, String> quarkusTestConfiguration(String functionLogicalId) {
        Map<String, String> config = new LinkedHashMap<>(functionEnvironment(functionLogicalId));
        if (config.containsKey("QUARKUS_FUNQY_EXPORT")) {
            // in Lambda an environment variable; a test's configuration map needs the property's own name
            config.put("quarkus.funqy.export", config.get("QUARKUS_FUNQY_EXPORT"));
        }
        config.putAll(clientConfiguration());
        return config;
    }

    /** Configuration that points the AWS SDK (and Quarkus's AWS clients) at the emulators. */
    public Map<String, String> clientConfiguration() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("aws.region", REGION);
        config.put("aws.accessKeyId", ACCESS_KEY);
        config.put("aws.secretAccessKey", SECRET_KEY);
        for (String service : List.of("dynamodb", "sqs")) {
            URI endpoint = service.equals("dynamodb") ? dynamo.endpoint() : sqs.endpoint();
            config.put("quarkus." + service + ".endpoint-override", endpoint.toString());
            config.put("quarkus." + service + ".aws.region", REGION);
            config.put("quarkus." + service + ".aws.credentials.type", "static");
            config.put("quarkus." + service + ".aws.credentials.static-provider.access-key-id", ACCESS_KEY);
            config.put("quarkus." + service + ".aws.credentials.static-provider.secret-access-key", SECRET_KEY);
        }
        config.put("shopkhaos.aws.secretsmanager.endpoint-override", secrets.endpoint().toString());
        config.put("shopkhaos.aws.secretsmanager.region", REGION);
        config.put("shopkhaos.aws.secretsmanager.access-key-id", ACCESS_KEY);
        config.put("shopkhaos.aws.secretsmanager.secret-access-key", SECRET_KEY);
        return config;
    }

    public Object resolve(Object value) {
        if (value instanceof Map<?, ?> m && m.size() == 1) {
            Map<String, Object> fn = CloudFormationTemplate.cast(m);
            String name = fn.keySet().iterator().next();
            Object arg = fn.get(name);
            switch (name) {
                case "Ref":
                    return ref(str(arg));
                case "Fn::GetAtt":
                    List<Object> parts = list(arg);
                    return getAtt(str(parts.get(0)), str(parts.get(1)));
                case "Fn::Sub":
                    return sub(arg);
                case "Fn::Join":
                    List<Object> join = list(arg);
                    return String.join(str(join.get(0)), list(resolve(join.get(1))).stream().map(this::resolve)
                            .map(LocalCloud::str).toList());
                default:
                    if (name.startsWith("Fn::")) {
                        throw new IllegalArgumentException("the local cloud cannot resolve " + name + " yet");
                    }
            }
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            CloudFormationTemplate.cast(m).forEach((k, v) -> out.put(k, resolve(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(this::resolve).toList();
        }
        return value;
    }

    private Object ref(String name) {
        switch (name) {
            case "AWS::StackName":
                return stackName;
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT_ID;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NoValue":
                return null;
            default:
        }
        if (parameterOverrides.containsKey(name)) {
            return parameterOverrides.get(name);
        }
        if (template.parameterDefaults().containsKey(name)) {
            return template.parameterDefaults().get(name);
        }
        Resource r = template.resources().get(name);
        if (r == null) {
            throw new IllegalArgumentException("Ref to unknown " + name);
        }
        return switch (r.type()) {
            case "AWS::DynamoDB::Table" -> tableName(r);
            case "AWS::SQS::Queue" -> queueUrl(name);
            case "AWS::SecretsManager::Secret" -> secretArns.get(name);
            default -> name;
        };
    }

    private Object getAtt(String logicalId, String attribute) {
        Resource r = template.resources().get(logicalId);
        if (r == null) {
            throw new IllegalArgumentException("GetAtt of unknown " + logicalId);
        }
        String key = r.type() + "." + attribute;
        return switch (key) {
            case "AWS::SQS::Queue.Arn" -> "arn:aws:sqs:" + REGION + ":" + ACCOUNT_ID + ":" + queueName(r);
            case "AWS::SQS::Queue.QueueName" -> queueName(r);
            case "AWS::SQS::Queue.QueueUrl" -> queueUrl(logicalId);
            case "AWS::DynamoDB::Table.Arn" -> "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT_ID + ":table/" + tableName(r);
            case "AWS::SecretsManager::Secret.Id" -> secretArns.get(logicalId);
            default -> "arn:aws:local:" + REGION + ":" + ACCOUNT_ID + ":" + logicalId + "/" + attribute;
        };
    }

    private String queueUrl(String logicalId) {
        String url = queueUrls.get(logicalId);
        if (url == null) {
            Resource r = template.resources().get(logicalId);
            return sqs.endpoint() + "/" + ACCOUNT_ID + "/" + queueName(r);
        }
        return url;
    }

    private Object sub(Object arg) {
        String text;
        Map<String, Object> variables = Map.of();
        if (arg instanceof List<?> l) {
            text = str(l.get(0));
            variables = CloudFormationTemplate.cast(l.get(1));
        } else {
            text = str(arg);
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = "${" + m.group(2) + "}";
            } else if (variables.containsKey(m.group(2))) {
                replacement = str(resolve(variables.get(m.group(2))));
            } else if (m.group(2).contains(".") && !m.group(2).startsWith("AWS::")) {
                String[] parts = m.group(2).split("\\.", 2);
                replacement = str(getAtt(parts[0], parts[1]));
            } else {
                replacement = str(ref(m.group(2)));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? "" : replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    public List<String> tableNames() {
        return dynamoClient.listTables().tableNames();
    }

    public Map<String, String> queueUrls() {
        return Map.copyOf(queueUrls);
    }

    public String queueUrl(String logicalId, boolean required) {
        String url = queueUrls.get(logicalId);
        if (url == null && required) {
            throw new IllegalArgumentException("no queue " + logicalId + " in the template");
        }
        return url;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoClient;
    }

    public SqsClient sqs() {
        return sqsClient;
    }

    public SecretsManagerClient secretsManager() {
        return secretsClient;
    }

    /**
     * Creates (or replaces) a secret the template does not declare, named {@code <stack name>/<name>}, and answers its
     * ARN: for what only local runs have, such as the sandbox's ops key.
     */
    public String putSecret(String name, String value) {
        return secrets.put(stackName + "/" + name, value);
    }

    public URI dynamoDbEndpoint() {
        return dynamo.endpoint();
    }

    public URI sqsEndpoint() {
        return sqs.endpoint();
    }

    public URI secretsManagerEndpoint() {
        return secrets.endpoint();
    }

    @Override
    public void close() {
        closeQuietly(dynamoClient);
        closeQuietly(sqsClient);
        closeQuietly(secretsClient);
        closeQuietly(secrets);
        closeQuietly(sqs);
        closeQuietly(dynamo);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // shutting down
        }
    }

    /** As Secrets Manager's GenerateSecretString: a random string, or a JSON template with one generated key. */
    private String generated(Map<String, Object> generate) {
        Object template = resolve(generate.get("SecretStringTemplate"));
        Object key = generate.get("GenerateStringKey");
        if (template == null || key == null) {
            return randomSecret();
        }
        try {
            ObjectNode json =
                    (ObjectNode) JSON.readTree(str(template));
            json.put(str(key), randomSecret());
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("SecretStringTemplate is not a JSON object: " + template, e);
        }
    }

    private static String randomSecret() {
        SecureRandom random = new SecureRandom();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    static String str(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    static Map<String, Object> map(Object value) {
        return CloudFormationTemplate.cast(value);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?>)) {
            throw new IllegalArgumentException("expected a list, found " + value);
        }
        return (List<Object>) value;
    }
}

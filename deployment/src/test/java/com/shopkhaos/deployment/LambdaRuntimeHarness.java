package com.shopkhaos.deployment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Starts a function as Lambda's managed Java runtime does, in a JVM of its own whose class path is the unpacked
 * zip ({@code /var/task} and {@code /var/task/lib/*}) and this one class: loads the class the template's
 * {@code Handler} names with the application class loader, makes one instance (the init phase SnapStart
 * snapshots), then hands each event to {@code handleRequest(InputStream, OutputStream, Context)} in turn (warm
 * invocations). Uses the JDK only: everything else must come from the zip.
 *
 * <p>Arguments: {@code <Class::method> <out dir> <event file>...}. For event {@code i} it writes
 * {@code <out dir>/<i>.response} (what the function answered) or {@code <out dir>/<i>.error} (what it threw).
 * Exit 0: every event was handed over; 3: the handler class or method cannot be found or made (Lambda's
 * {@code Runtime.ImportModuleError} / {@code ClassNotFoundException} at init).
 */
public final class LambdaRuntimeHarness {
    private LambdaRuntimeHarness() {
    }

    public static void main(String[] args) throws Exception {
        String handler = args[0];
        Path out = Path.of(args[1]);
        int separator = handler.indexOf("::");
        String className = separator < 0 ? handler : handler.substring(0, separator);
        String methodName = separator < 0 ? "handleRequest" : handler.substring(separator + 2);
        Object instance;
        Method method;
        Class<?> contextType;
        try {
            ClassLoader loader = ClassLoader.getSystemClassLoader();
            Class<?> type = Class.forName(className, true, loader);
            contextType = Class.forName("com.amazonaws.services.lambda.runtime.Context", false, loader);
            method = type.getMethod(methodName, InputStream.class, OutputStream.class, contextType);
            Constructor<?> constructor = type.getDeclaredConstructor();
            instance = constructor.newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            System.err.println("HANDLER NOT LOADABLE: " + handler + ": " + e);
            e.printStackTrace();
            System.exit(3);
            return;
        }
        System.err.println("HARNESS init done for " + handler);
        for (int i = 2; i < args.length; i++) {
            int index = i - 2;
            byte[] event = Files.readAllBytes(Path.of(args[i]));
            Object context = context(contextType, index);
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            try {
                method.invoke(instance, new ByteArrayInputStream(event), response, context);
                Files.write(out.resolve(index + ".response"), response.toByteArray());
            } catch (InvocationTargetException e) {
                StringWriter trace = new StringWriter();
                e.getCause().printStackTrace(new PrintWriter(trace));
                Files.writeString(out.resolve(index + ".error"), trace.toString());
            }
            System.err.println("HARNESS invoked event " + index);
        }
        System.exit(0);
    }

    /** A Context as the runtime gives one; the logger writes to standard error as Lambda's does to CloudWatch. */
    private static Object context(Class<?> contextType, int index) {
        String requestId = UUID.randomUUID().toString();
        String functionName = System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "function");
        long deadline = System.currentTimeMillis()
                + 1000L * Long.parseLong(System.getenv().getOrDefault("SHOPKHAOS_HARNESS_TIMEOUT_SECONDS", "20"));
        ClassLoader loader = contextType.getClassLoader();
        return Proxy.newProxyInstance(loader, new Class<?>[] {contextType}, (proxy, m, a) -> switch (m.getName()) {
            case "getAwsRequestId" -> requestId;
            case "getLogGroupName" -> "/aws/lambda/" + functionName;
            case "getLogStreamName" -> "harness/" + index;
            case "getFunctionName" -> functionName;
            case "getFunctionVersion" -> "1";
            case "getInvokedFunctionArn" -> "arn:aws:lambda:eu-west-2:000000000000:function:" + functionName + ":live";
            case "getIdentity", "getClientContext" -> null;
            case "getRemainingTimeInMillis" -> (int) Math.max(0, deadline - System.currentTimeMillis());
            case "getMemoryLimitInMB" -> Integer.parseInt(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));
            case "getLogger" -> logger(loader);
            case "toString" -> "HarnessContext[" + requestId + "]";
            case "hashCode" -> requestId.hashCode();
            case "equals" -> proxy == a[0];
            default -> null;
        });
    }

    private static Object logger(ClassLoader loader) throws ClassNotFoundException {
        Class<?> loggerType = Class.forName("com.amazonaws.services.lambda.runtime.LambdaLogger", false, loader);
        return Proxy.newProxyInstance(loader, new Class<?>[] {loggerType}, (proxy, m, a) -> {
            if (m.getName().equals("log") && a != null && a.length > 0) {
                Object message = a[0];
                System.err.println(message instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : message);
            }
            return null;
        });
    }
}

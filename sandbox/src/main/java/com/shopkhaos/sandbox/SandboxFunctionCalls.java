package com.shopkhaos.sandbox;

import com.shopkhaos.emulator.AwsCallRecorder;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Which Lambda of the template a sandbox request is: the routes the sandbox serves exactly as a function does run as that
 * function, so the AWS calls the flow tests cause there are recorded as its own ({@link AwsCallRecorder}, on only when a
 * test names a directory) and held against its role, and counted per route ({@code KhaosChannelFunction orderStatus})
 * for the cost per order. Every other route (simulators, inspection) is nobody's.
 */
@Provider
public class SandboxFunctionCalls implements ContainerRequestFilter, ContainerResponseFilter {
    static final Map<Class<?>, String> FUNCTION_OF_ROUTES = Map.of(
            SandboxIntakeResource.class, "OrderIntakeFunction",
            SandboxKhaosChannelResource.class, "KhaosChannelFunction",
            SandboxOpsResource.class, "OpsApiFunction");

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Class<?> type = resource == null ? null : resource.getResourceClass();
        String function = type == null ? null : FUNCTION_OF_ROUTES.get(type);
        AwsCallRecorder.currentFunction(function, function == null || resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getName());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        AwsCallRecorder.currentFunction(null);
    }
}

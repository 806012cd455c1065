package io.netsec.api.model;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while a verified model bundle is served: a load balancer sends no traffic before. */
@Readiness
@ApplicationScoped
public class ModelReadiness implements HealthCheck {

    private final ModelRegistry registry;

    public ModelReadiness(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("model");
        return registry.current()
                .map(model -> builder.up()
                        .withData("family", model.detector().bundle().manifest().model().family())
                        .withData("created_at", model.detector().bundle().manifest().createdAt())
                        .build())
                .orElseGet(() -> builder.down().withData("reason", registry.loadError()).build());
    }
}

package io.netsec.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigCheckTest {

    @Test
    void acceptsTheDefaults() {
        assertEquals(List.of(), ConfigCheck.problems(config(Map.of())));
    }

    @Test
    void namesEverySettingOutOfBounds() {
        NetsecConfig bad = config(Map.of("pageSize", 0, "keptResults", 1001, "records", 0, "jsonDepth", 3));
        assertEquals(List.of("netsec.page-size must be at least 1, found 0",
                "netsec.kept-results must be at most 1000, found 1001",
                "netsec.limits.records must be at least 1, found 0",
                "netsec.limits.json-depth must be at least 4, found 3"), ConfigCheck.problems(bad));
    }

    /** A config with the defaults of NetsecConfig, some values replaced (by method name). */
    private static NetsecConfig config(Map<String, Object> values) {
        Map<String, Object> defaults = Map.of("pageSize", 50, "keptResults", 20, "rows", 1_000_000L, "records", 100_000,
                "columns", 10_000, "jsonDepth", 32, "timeoutSeconds", 10);
        return (NetsecConfig) Proxy.newProxyInstance(NetsecConfig.class.getClassLoader(),
                new Class<?>[] {NetsecConfig.class, NetsecConfig.Limits.class, NetsecConfig.Training.class,
                        NetsecConfig.Mongodb.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "limits", "training", "mongodb" -> proxy;
                    default -> values.getOrDefault(method.getName(), defaults.get(method.getName()));
                });
    }
}

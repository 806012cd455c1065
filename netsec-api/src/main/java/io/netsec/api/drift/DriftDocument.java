package io.netsec.api.drift;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Says in the OpenAPI document which fields of {@code /api/v1/drift}'s answer may be null: a
 * window without a time span, no threat-share limit, a column compared by a distance (no
 * p-value). The generator cannot tell from a {@code Double} or a {@code String}, and
 * {@code ColumnDrift} is netsec-core's (no OpenAPI annotations there), so the document is
 * amended here.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class DriftDocument implements OASFilter {

    private static final Map<String, String[]> NULLABLE = Map.of(
            "DriftStatus", new String[] {"window_duration", "threat_share_max", "reference_threat_share"},
            "ColumnDrift", new String[] {"p_value"});

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        NULLABLE.forEach((schemaName, fields) -> {
            Schema schema = openAPI.getComponents().getSchemas().get(schemaName);
            if (schema == null || schema.getProperties() == null) {
                return;
            }
            for (String field : fields) {
                Schema property = schema.getProperties().get(field);
                if (property != null && property.getType() != null
                        && !property.getType().contains(Schema.SchemaType.NULL)) {
                    property.addType(Schema.SchemaType.NULL);
                }
            }
        });
    }
}

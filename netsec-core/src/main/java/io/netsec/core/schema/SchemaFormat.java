package io.netsec.core.schema;

import io.netsec.core.ReadLimits;
import io.netsec.core.format.Formats;
import io.netsec.core.format.ListFormat;
import io.netsec.core.format.RecordFormat;

/**
 * A schema file's keys, each declared once: its name, how its value is read and the record's
 * accessor. The records' {@code fromYaml} factories hold the defaults of the keys left out.
 * Every list is bounded ({@link ReadLimits}), so that a schema cannot ask for unbounded memory.
 */
final class SchemaFormat {

    static final ListFormat<String> TEXTS = Formats.listOf(Formats.TEXT).limited(
            ReadLimits::schemaListEntries,
            (name, most) -> "'" + name + "' lists more than " + most + " entries (" + ReadLimits.SCHEMA_LIST + ")");

    static final RecordFormat<ColumnSpec> COLUMN = RecordFormat.of(ColumnSpec.class, f -> {
        var name = f.required("name", Formats.TEXT, ColumnSpec::name);
        var type = f.required("type", Formats.named(ColumnType::fromYaml, ColumnType::yamlName), ColumnSpec::type);
        var role = f.field("role", Formats.named(ColumnRole::fromYaml, ColumnRole::yamlName), ColumnSpec::role);
        var allowed = f.field("allowed", TEXTS, ColumnSpec::allowed);
        var min = f.field("min", Formats.NUMBER_OR_NULL, ColumnSpec::min);
        var max = f.field("max", Formats.NUMBER_OR_NULL, ColumnSpec::max);
        var nullable = f.field("nullable", Formats.BOOLEAN_OR_NULL, ColumnSpec::nullable);
        var aliases = f.field("aliases", TEXTS, ColumnSpec::aliases);
        return v -> ColumnSpec.fromYaml(v.get(name), v.get(type), v.get(role), v.get(allowed), v.get(min), v.get(max),
                v.get(nullable), v.get(aliases));
    });

    static final RecordFormat<LabelSpec> LABEL = RecordFormat.of(LabelSpec.class, f -> {
        var column = f.required("column", Formats.TEXT, LabelSpec::column);
        var threat = f.field("threat", TEXTS, LabelSpec::threat);
        var benign = f.field("benign", TEXTS, LabelSpec::benign);
        var threatName = f.field("threat_name", Formats.TEXT, LabelSpec::threatName);
        var benignName = f.field("benign_name", Formats.TEXT, LabelSpec::benignName);
        var families = f.optional("families", FamiliesFormat.FAMILIES, LabelSpec::families);
        var unknownThreat = f.optional("unknown_threat", FamiliesFormat.remembered(PlacedRefusal.UNKNOWN_THREAT,
                Formats.named(UnknownThreat::fromYaml, UnknownThreat::yamlName)), LabelSpec::unknownThreat);
        return v -> LabelSpec.fromYaml(v.get(column), v.get(threat), v.get(benign), v.get(threatName), v.get(benignName),
                v.get(families), v.get(unknownThreat));
    });

    static final RecordFormat<DriftSettings> DRIFT = RecordFormat.of(DriftSettings.class, f -> {
        var pValue = f.field("p_value", Formats.NUMBER_OR_NULL, DriftSettings::pValue);
        var wasserstein = f.field("wasserstein_threshold", Formats.NUMBER_OR_NULL, DriftSettings::wassersteinThreshold);
        var jensenShannon = f.field("jensen_shannon_threshold", Formats.NUMBER_OR_NULL,
                DriftSettings::jensenShannonThreshold);
        var psi = f.field("psi_threshold", Formats.NUMBER_OR_NULL, DriftSettings::psiThreshold);
        var smallReferenceRows = f.field("small_reference_rows", Formats.INTEGER_OR_NULL, DriftSettings::smallReferenceRows);
        var datasetDriftShare = f.field("dataset_drift_share", Formats.NUMBER_OR_NULL, DriftSettings::datasetDriftShare);
        return v -> DriftSettings.fromYaml(v.get(pValue), v.get(wasserstein), v.get(jensenShannon), v.get(psi),
                v.get(smallReferenceRows), v.get(datasetDriftShare));
    });

    static final RecordFormat<DataSchema> SCHEMA = RecordFormat.of(DataSchema.class, f -> {
        var name = f.required("name", Formats.TEXT, DataSchema::name);
        var description = f.field("description", Formats.TEXT, DataSchema::description);
        var missingValues = f.field("missing_values", TEXTS, DataSchema::missingValues);
        var header = f.optional("header", Formats.BOOLEAN_OR_NULL, DataSchema::header);
        var columns = f.required("columns", Formats.listOf(COLUMN).limited(ReadLimits::schemaColumns,
                (key, most) -> "more than " + most + " columns (" + ReadLimits.SCHEMA_COLUMNS + ")"), DataSchema::columns);
        var label = f.required("label", LABEL, DataSchema::label);
        var drift = f.field("drift", DRIFT, DataSchema::drift);
        return v -> DataSchema.fromYaml(v.get(name), v.get(description), v.get(missingValues), v.get(header),
                v.get(columns), v.get(label), v.get(drift));
    });

    private SchemaFormat() {
    }
}

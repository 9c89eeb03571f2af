import { validationMetadatasToSchemas } from "class-validator-jsonschema";
import { EntrySchema, PluginInfoSchema, ProtocolDefinitionSchema } from "../../kernel/registry/RegistrySchema.js";
import { getMetadataStorage } from "../../kernel/validators.js";
import { AppConfig, ROUTED_SECTIONS } from "../config/AppConfig.js";

type JsonSchema = Record<string, unknown>;

function definitions(): Record<string, JsonSchema> {
  // Touch the classes so their decorators have run before the metadata is read.
  void [AppConfig, EntrySchema, PluginInfoSchema, ProtocolDefinitionSchema];
  return validationMetadatasToSchemas({
    classValidatorMetadataStorage: getMetadataStorage(),
    refPointerPrefix: "#/definitions/",
    additionalConverters: {
      isSemverVersion: { type: "string", description: 'a semver version such as "1.0.0"' },
      isSemverRange: { type: "string", description: 'a semver range such as ">=1.0.0 <2"' },
      isPluginDependencies: {
        description: 'plugin names to semver ranges (such as { base: ">=1.2 <2" }), or a list of plugin names',
        oneOf: [
          { type: "object", additionalProperties: { type: ["string", "null"] } },
          { type: "array", items: { type: "string" } },
        ],
      },
    },
  }) as Record<string, JsonSchema>;
}

function closed(defs: Record<string, JsonSchema>, names: readonly string[]): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const name of names) if (defs[name]) out[name] = { ...defs[name], additionalProperties: false };
  return out;
}

/**
 * JSON Schema of registry.yaml, generated from the same class-validator classes the loader
 * validates with, for editor completion. Every key besides the fixed ones is a
 * protocol name mapping implementation names to entries.
 */
export function buildRegistrySchema(): JsonSchema {
  const defs = closed(definitions(), ["PluginInfoSchema", "ProtocolDefinitionSchema", "EntrySchema"]);
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://aiperf.dev/schema/registry.schema.json",
    title: "aiperf registry.yaml",
    type: "object",
    properties: {
      schema_version: { enum: ["1.0"] },
      plugin: { $ref: "#/definitions/PluginInfoSchema" },
      protocols: { type: "object", additionalProperties: { $ref: "#/definitions/ProtocolDefinitionSchema" } },
    },
    additionalProperties: {
      description: "A protocol name (phase_hook, endpoint, ...): implementation names to entries",
      type: ["object", "null"],
      additionalProperties: { $ref: "#/definitions/EntrySchema" },
    },
    definitions: defs,
  };
}

/**
 * Opens each routed section's definition: keys besides the profiler's own belong to the selected
 * implementation's config class (a plugin's, too), which the loader checks, not the schema.
 */
function openRoutedSections(defs: Record<string, JsonSchema>): void {
  for (const { sectionClass, protocol } of ROUTED_SECTIONS) {
    const def = defs[sectionClass.name];
    if (!def) continue;
    def.additionalProperties = true;
    def.description = `Other keys belong to the selected ${protocol} implementation (its registry config: class validates them).`;
  }
}

/** JSON Schema of the app config, from the same classes `loadConfig` uses. */
export function buildConfigSchema(): JsonSchema {
  const all = definitions();
  const names = Object.keys(all).filter((n) => n.endsWith("Config"));
  const defs = Object.fromEntries(
    Object.entries(closed(all, names)).map(([name, def]) => {
      const { required: _required, ...rest } = def;
      return [name, name === "ImplementationRefConfig" ? def : rest];
    }),
  );
  openRoutedSections(defs);
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://aiperf.dev/schema/config.schema.json",
    title: "aiperf config",
    $ref: "#/definitions/AppConfig",
    // Every config key has a default: nothing is required except a hook reference's name.
    definitions: defs,
  };
}

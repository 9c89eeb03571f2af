import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildConfigSchema, buildRegistrySchema } from "../../src/profiler/schema/buildSchemas.js";
import { repoRoot } from "../helpers/fixtures.js";

const shipped = (name: string) => JSON.parse(readFileSync(path.join(repoRoot, "schema", name), "utf8"));

describe("shipped JSON Schemas", () => {
  it("registry.schema.json matches what the loader's classes generate (run `npm run schemas` after changing them)", () => {
    expect(shipped("registry.schema.json")).toEqual(buildRegistrySchema());
  });

  it("config.schema.json matches what the config classes generate", () => {
    expect(shipped("config.schema.json")).toEqual(buildConfigSchema());
  });

  it("describes entries closely enough for completion: fields, types, no unknown keys", () => {
    const entry = buildRegistrySchema().definitions as Record<
      string,
      { properties: Record<string, { type?: string }>; additionalProperties: boolean; required: string[] }
    >;
    expect(entry.EntrySchema?.properties.priority?.type).toBe("integer");
    expect(entry.EntrySchema?.properties.auto_load?.type).toBe("boolean");
    expect(entry.EntrySchema?.required).toEqual(["class"]);
    expect(entry.EntrySchema?.additionalProperties).toBe(false);
  });
});

// Writes schema/*.json from the built framework (run by `npm run build`).
import { mkdirSync, writeFileSync } from "node:fs";
import { buildConfigSchema, buildRegistrySchema } from "../dist/src/profiler/schema/buildSchemas.js";

mkdirSync(new URL("../schema/", import.meta.url), { recursive: true });
writeFileSync(new URL("../schema/registry.schema.json", import.meta.url), `${JSON.stringify(buildRegistrySchema(), null, 2)}\n`);
writeFileSync(new URL("../schema/config.schema.json", import.meta.url), `${JSON.stringify(buildConfigSchema(), null, 2)}\n`);

import { importModule } from "../kernel/binding/importModule.js";
import type { ResolvedClassPath } from "../kernel/registry/classPath.js";
import { getMetadataStorage } from "../kernel/validators.js";

/** One field of an implementation's config class. */
export interface ConfigField {
  name: string;
  /** class-validator rules, e.g. ["isString", "isNotEmpty"]. */
  rules: string[];
  required: boolean;
  default?: unknown;
}

/**
 * Reads an implementation's config class: its fields, their validation rules and defaults.
 * This imports the config class's module (and only that), which `plugins show` documents.
 */
export async function describeConfigClass(ref: ResolvedClassPath): Promise<ConfigField[]> {
  const cls = (await importModule(ref.modulePath))[ref.exportName] as new () => Record<string, unknown>;
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls, "", true, false);
  const defaults = new cls();
  const fields = new Map<string, ConfigField>();
  for (const m of metas) {
    const field = fields.get(m.propertyName) ?? { name: m.propertyName, rules: [], required: true };
    const rule = m.name ?? m.type;
    if (rule === "isOptional" || m.type === "conditionalValidation") field.required = false;
    else if (!field.rules.includes(rule)) field.rules.push(rule);
    fields.set(m.propertyName, field);
  }
  for (const field of fields.values()) {
    if (defaults[field.name] !== undefined) {
      field.default = defaults[field.name];
      field.required = false;
    }
  }
  return [...fields.values()].sort((a, b) => a.name.localeCompare(b.name));
}

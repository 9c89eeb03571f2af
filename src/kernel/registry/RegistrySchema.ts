import "reflect-metadata";
import { Type } from "class-transformer";
import { IsPluginDependencies, IsSemverRange, IsSemverVersion } from "../util/semverValidators.js";
import { IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, ValidateNested } from "../validators.js";

/** `plugin:` block of a registry.yaml. */
export class PluginInfoSchema {
  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsOptional()
  @IsSemverVersion()
  version?: string;

  @IsOptional()
  @IsString()
  description?: string;

  @IsOptional()
  @IsString()
  author?: string;

  @IsOptional()
  @IsSemverRange()
  requires?: string;

  @IsOptional()
  @IsString()
  module?: string;

  /** Other plugins this one needs started first: names to semver ranges (null: any), or a list of names. */
  @IsOptional()
  @IsPluginDependencies()
  dependencies?: Record<string, string | null> | string[];

  /** `<module>:<export>` of the plugin's lifecycle class (initialize, cleanup, health). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  lifecycle?: string;

  /** Start the lifecycle even when nothing of the plugin is selected or enabled. */
  @IsOptional()
  @IsBoolean()
  auto_start?: boolean;
}

/** One entry under `protocols:`: a protocol this plugin defines. */
export class ProtocolDefinitionSchema {
  @IsString()
  description!: string;

  @IsIn(["one", "many"])
  cardinality!: "one" | "many";

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  members?: string[];

  @IsOptional()
  @IsBoolean()
  internal?: boolean;
}

/** One implementation entry: `<protocol>: { <name>: EntrySchema }`. */
export class EntrySchema {
  /** `<module path relative to this file>:<export name>`; checked by resolveClassPath. */
  @IsString()
  @IsNotEmpty()
  class!: string;

  @IsOptional()
  @IsString()
  description?: string;

  @IsOptional()
  @IsInt()
  priority?: number;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  tags?: string[];

  @IsOptional()
  @IsBoolean()
  auto_load?: boolean;

  @IsOptional()
  @IsString()
  config?: string;

  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;

  @IsOptional()
  @IsIn(["singleton", "transient"])
  scope?: "singleton" | "transient";
}

/** The fixed top-level keys; every other key is a protocol name. */
export class RegistryHeaderSchema {
  @IsOptional()
  @IsIn(["1.0"])
  schema_version?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => PluginInfoSchema)
  plugin?: PluginInfoSchema;
}

export const RESERVED_REGISTRY_KEYS = ["schema_version", "plugin", "protocols"] as const;

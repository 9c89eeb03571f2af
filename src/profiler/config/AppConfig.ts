import "reflect-metadata";
import { Type } from "class-transformer";
import { IsArray, IsBoolean, IsInt, IsNumber, IsObject, IsOptional, IsString, Max, Min, ValidateNested } from "class-validator";

/** A named implementation with its own `config:` block (phase hooks, post-processors). */
export class ImplementationRefConfig {
  @IsString()
  name!: string;

  @IsOptional()
  @IsObject()
  config?: Record<string, unknown>;
}

/** `plugins:` (DESIGN §8). */
export class PluginsConfig {
  /** Extra local plugin folders, relative to the config file. */
  @IsArray()
  @IsString({ each: true })
  paths: string[] = [];

  /** Plugin names to ignore. */
  @IsArray()
  @IsString({ each: true })
  disabled: string[] = [];

  /** Upper bound of one phase-hook call. */
  @IsInt()
  @Min(1)
  hook_timeout_ms = 5000;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ImplementationRefConfig)
  phase_hooks: ImplementationRefConfig[] = [];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ImplementationRefConfig)
  post_processors: ImplementationRefConfig[] = [];

  /** Selections for protocols the config has no section for (plugin-defined ones): protocol to name(s). */
  @IsObject()
  select: Record<string, string | string[]> = {};

  /** Config blocks for any implementation, keyed `protocol.name`. */
  @IsObject()
  settings: Record<string, Record<string, unknown>> = {};
}

/** The embedded mock server's behaviour when `endpoint.url` is `embedded`. */
export class MockServerConfig {
  /** The mock_server implementation. */
  @IsString()
  type = "embedded";

  @IsNumber()
  @Min(0)
  ttft_ms = 20;

  @IsNumber()
  @Min(0)
  itl_ms = 5;

  @IsInt()
  @Min(1)
  output_tokens = 64;

  @IsNumber()
  @Min(0)
  @Max(1)
  error_rate = 0;
}

/** `endpoint:`: which API and where. */
export class EndpointConfig {
  @IsString()
  type = "openai_chat";

  /** `embedded` starts the mock server for the run. */
  @IsString()
  url = "embedded";

  @IsString()
  model = "mock-model";

  @IsBoolean()
  streaming = true;

  @IsString()
  api_key = "";

  @IsInt()
  @Min(1)
  connect_timeout_ms = 10_000;

  @IsInt()
  @Min(1)
  request_timeout_ms = 120_000;

  @ValidateNested()
  @Type(() => MockServerConfig)
  mock: MockServerConfig = new MockServerConfig();
}

/** `transport:`. */
export class TransportConfig {
  @IsString()
  type = "http";
}

/** `timing:`: how credits are issued. */
export class TimingConfig {
  @IsString()
  strategy = "concurrency";

  @IsInt()
  @Min(1)
  concurrency = 8;

  /** Requests per second (request_rate). */
  @IsOptional()
  @IsNumber()
  @Min(0.001)
  rate?: number;

  /** request_rate_generator: constant or poisson. */
  @IsString()
  arrival = "constant";

  /** Cap on in-flight requests in request_rate mode. */
  @IsOptional()
  @IsInt()
  @Min(1)
  max_concurrency?: number;

  @IsInt()
  seed = 0;

  /** fixed_schedule: multiply trace timestamps by this (0.5 replays twice as fast). */
  @IsNumber()
  @Min(0)
  time_scale = 1;

  /** fixed_schedule: shift the trace so its first request is sent at once. */
  @IsBoolean()
  start_at_zero = true;
}

/** One phase's bounds: a request count, a duration, or both (whichever comes first). */
export class PhaseConfig {
  @IsOptional()
  @IsInt()
  @Min(0)
  requests?: number;

  @IsOptional()
  @IsNumber()
  @Min(0)
  duration_s?: number;

  @IsOptional()
  @IsNumber()
  @Min(0.001)
  timeout_s?: number;
}

/** `phases:`. */
export class PhasesConfig {
  @ValidateNested()
  @Type(() => PhaseConfig)
  warmup: PhaseConfig = Object.assign(new PhaseConfig(), { requests: 20 });

  @ValidateNested()
  @Type(() => PhaseConfig)
  profiling: PhaseConfig = Object.assign(new PhaseConfig(), { requests: 500, timeout_s: 120 });
}

/** `dataset:`: what is sent. */
export class DatasetConfig {
  @IsString()
  composer = "synthetic";

  @IsString()
  sampler = "sequential";

  /** custom_dataset_loader used by the `custom` composer: single_turn or mooncake_trace. */
  @IsString()
  loader = "single_turn";

  /** The dataset file of the `custom` composer (relative to the config file). */
  @IsOptional()
  @IsString()
  file?: string;

  /** Skip (and report) malformed dataset lines instead of refusing to start. */
  @IsBoolean()
  skip_invalid_lines = false;

  @IsInt()
  @Min(1)
  input_tokens_mean = 128;

  @IsNumber()
  @Min(0)
  input_tokens_stddev = 0;

  @IsInt()
  @Min(1)
  output_tokens_mean = 64;

  @IsNumber()
  @Min(0)
  output_tokens_stddev = 0;

  @IsInt()
  seed = 0;
}

/** `output:`. */
export class OutputConfig {
  @IsString()
  dir = "./artifacts";

  @IsArray()
  @IsString({ each: true })
  data_exporters: string[] = ["json", "csv"];

  @IsArray()
  @IsString({ each: true })
  console_exporters: string[] = ["summary_table", "errors"];
}

/** `ui:`: `auto` picks progress on a terminal and simple elsewhere. */
export class UiConfig {
  @IsString()
  type = "auto";
}

/** `service_manager:`. */
export class ServiceManagerConfig {
  @IsString()
  type = "in_process";

  @IsOptional()
  @IsInt()
  @Min(1)
  workers?: number;

  /** The bus services talk over (internal protocol `communication`). */
  @IsString()
  communication = "in_process";

  /** Each service's end of the bus (internal protocol `communication_client`). */
  @IsString()
  communication_client = "in_process";
}

/** The whole config (DESIGN §8); every key has a default. */
export class AppConfig {
  @ValidateNested()
  @Type(() => PluginsConfig)
  plugins: PluginsConfig = new PluginsConfig();

  @ValidateNested()
  @Type(() => EndpointConfig)
  endpoint: EndpointConfig = new EndpointConfig();

  @ValidateNested()
  @Type(() => TransportConfig)
  transport: TransportConfig = new TransportConfig();

  @ValidateNested()
  @Type(() => TimingConfig)
  timing: TimingConfig = new TimingConfig();

  @ValidateNested()
  @Type(() => PhasesConfig)
  phases: PhasesConfig = new PhasesConfig();

  @ValidateNested()
  @Type(() => DatasetConfig)
  dataset: DatasetConfig = new DatasetConfig();

  @ValidateNested()
  @Type(() => OutputConfig)
  output: OutputConfig = new OutputConfig();

  @ValidateNested()
  @Type(() => UiConfig)
  ui: UiConfig = new UiConfig();

  @ValidateNested()
  @Type(() => ServiceManagerConfig)
  service_manager: ServiceManagerConfig = new ServiceManagerConfig();
}

/** Which config key picks which `one` protocol's implementation. */
export const ONE_SELECTIONS: readonly { protocol: string; path: readonly string[] }[] = [
  { protocol: "endpoint", path: ["endpoint", "type"] },
  { protocol: "transport", path: ["transport", "type"] },
  { protocol: "timing_strategy", path: ["timing", "strategy"] },
  { protocol: "request_rate_generator", path: ["timing", "arrival"] },
  { protocol: "dataset_composer", path: ["dataset", "composer"] },
  { protocol: "custom_dataset_loader", path: ["dataset", "loader"] },
  { protocol: "dataset_sampler", path: ["dataset", "sampler"] },
  { protocol: "ui", path: ["ui", "type"] },
  { protocol: "service_manager", path: ["service_manager", "type"] },
  { protocol: "mock_server", path: ["endpoint", "mock", "type"] },
  { protocol: "communication", path: ["service_manager", "communication"] },
  { protocol: "communication_client", path: ["service_manager", "communication_client"] },
];

/** Which config list enables which `many` protocol's implementations. */
export const MANY_SELECTIONS: readonly { protocol: string; path: readonly string[] }[] = [
  { protocol: "phase_hook", path: ["plugins", "phase_hooks"] },
  { protocol: "post_processor", path: ["plugins", "post_processors"] },
  { protocol: "data_exporter", path: ["output", "data_exporters"] },
  { protocol: "console_exporter", path: ["output", "console_exporters"] },
];

import "reflect-metadata";
import { Type } from "class-transformer";
import { KernelConfig, PluginsConfig } from "../../kernel/config/KernelConfig.js";
import { MAX_TIMER_MS } from "../../kernel/util/maxTimerMs.js";
import {
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  Min,
  Validate,
  ValidateNested,
  type ValidationArguments,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from "../../kernel/validators.js";
import { IsHttpHeaders } from "./IsHttpHeaders.js";

/** The longest duration or timeout Node's timers can hold, in whole seconds. */
export const MAX_PHASE_SECONDS = Math.floor(MAX_TIMER_MS / 1000);

/** How long in-flight requests may finish after a duration-bounded phase stops sending. */
export const DURATION_GRACE_S = 30;

/**
 * A named implementation with its own `config:` block (phase hooks, post-processors).
 * @public
 */
export class ImplementationRefConfig {
  @IsString()
  name!: string;

  @IsOptional()
  @IsObject()
  config?: Record<string, unknown>;
}

/**
 * The profiler's `plugins:` section: the kernel's keys, plus the phase hooks and post-processors
 * to enable, in order.
 * @public
 */
export class ProfilerPluginsConfig extends PluginsConfig {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ImplementationRefConfig)
  phase_hooks: ImplementationRefConfig[] = [];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ImplementationRefConfig)
  post_processors: ImplementationRefConfig[] = [];
}

/**
 * `endpoint.mock:`: the mock server started when `endpoint.url` is `embedded`. The profiler owns
 * `type`; every other key belongs to the selected mock_server's registry `config:` class (the
 * built-in `embedded`: `ttft_ms`, `itl_ms`, `output_tokens`, `error_rate`).
 * @public
 */
export class MockServerConfig {
  /** The mock_server implementation. */
  @IsString()
  type = "embedded";
}

const URL_EXPECTED = '"url" must be "embedded" or an http(s) URL such as http://localhost:8000';

/** The authority (`user@host:port`) of a `scheme://…` URL as typed, before URL parsing forgets an empty port. */
function typedAuthority(text: string): string | undefined {
  return /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(text)?.[1];
}

/**
 * What is wrong with an `endpoint.url`, or undefined: `embedded` or an absolute http(s) URL with
 * a host (`localhost:8000` parses as a scheme, so check it). Never quotes the URL: it may hold a
 * password or a key.
 */
function endpointUrlProblem(value: unknown): string | undefined {
  if (value === "embedded") return undefined;
  if (typeof value !== "string") return URL_EXPECTED;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return URL_EXPECTED;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") return URL_EXPECTED;
  // URL reads `http://host:` as the default port; a colon with nothing after it is a port left out.
  if (typedAuthority(value)?.endsWith(":")) return '"url" has a ":" after its host but no port: add the port (http://localhost:8000) or drop the ":"';
  // Port 0 asks the system for any free port when listening; nothing can be reached on it.
  if (url.port === "0") return '"url" has port 0, which no server listens on: give the server\'s port (http://localhost:8000)';
  return undefined;
}

@ValidatorConstraint({ name: "endpointUrl" })
class EndpointUrl implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return endpointUrlProblem(value) === undefined;
  }
  defaultMessage(args?: ValidationArguments): string {
    return endpointUrlProblem(args?.value) ?? URL_EXPECTED;
  }
}

/**
 * `endpoint:`: which API and where.
 * @public
 */
export class EndpointConfig {
  @IsString()
  type = "openai_chat";

  /** `embedded` starts the mock server for the run. */
  @Validate(EndpointUrl)
  url = "embedded";

  @IsString()
  model = "mock-model";

  @IsBoolean()
  streaming = true;

  @IsString()
  api_key = "";

  @IsInt()
  @Min(1)
  @Max(MAX_TIMER_MS)
  connect_timeout_ms = 10_000;

  @IsInt()
  @Min(1)
  @Max(MAX_TIMER_MS)
  request_timeout_ms = 120_000;

  /** Fields merged into every request body (e.g. `ignore_eos: true`, `min_tokens: 64`). */
  @IsObject()
  extra_inputs: Record<string, unknown> = {};

  /** Extra HTTP headers for every request; values under secret-looking names are masked in exports. */
  @IsObject()
  @IsHttpHeaders()
  headers: Record<string, string> = {};

  /** Check the server before warm-up: reachable, OpenAI-shaped, model served (when it lists models). */
  @IsBoolean()
  preflight = true;

  /** Open the phase's connections before the first timed request (`--no-prewarm`: open them on demand). */
  @IsBoolean()
  prewarm = true;

  /**
   * Connections an open loop (a request rate or trace replay without `--concurrency`) may open.
   * Past it, requests wait in the client's queue for a free connection, and the summary says so.
   */
  @IsInt()
  @Min(1)
  @Max(100_000)
  max_connections = 2_500;

  /** Keep probing for this long until the model is listed (a server still loading it). */
  @IsNumber()
  @Min(0)
  @Max(MAX_PHASE_SECONDS)
  wait_for_model_s = 0;

  @ValidateNested()
  @Type(() => MockServerConfig)
  mock: MockServerConfig = new MockServerConfig();
}

/**
 * `transport:`.
 * @public
 */
export class TransportConfig {
  @IsString()
  type = "http";
}

/**
 * `timing:`: how credits are issued. The profiler owns the keys that choose implementations and
 * the run's seed; every other key belongs to the selected strategy and is validated by its
 * registry `config:` class (see `ROUTED_SECTIONS`).
 * @public
 */
export class TimingConfig {
  @IsString()
  strategy = "concurrency";

  /** request_rate_generator: constant or poisson. */
  @IsString()
  arrival = "constant";

  /** Seeds every random choice of the run (arrivals, the mock server). */
  @IsInt()
  seed = 0;
}

/**
 * One phase's bounds: a request count, a duration, or both (whichever comes first). A duration
 * alone means no request cap.
 * @public
 */
export class PhaseConfig {
  @IsOptional()
  @IsInt()
  @Min(0)
  requests?: number;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(MAX_PHASE_SECONDS)
  duration_s?: number;

  /** Ends the phase, cancelling what is in flight. Default: the duration plus 30 s, else none. */
  @IsOptional()
  @IsNumber()
  @Min(0.001)
  @Max(MAX_PHASE_SECONDS)
  timeout_s?: number;
}

/** The phase's timeout in seconds: `timeout_s`, else the duration plus a grace period, else none. */
export function phaseTimeoutS(phase: PhaseConfig): number | undefined {
  if (phase.timeout_s !== undefined) return phase.timeout_s;
  return phase.duration_s === undefined ? undefined : Math.min(phase.duration_s + DURATION_GRACE_S, MAX_PHASE_SECONDS);
}

/** A value that is given and is not a number `valid` accepts. */
function outOfRange(value: unknown, valid: (n: number) => boolean): boolean {
  return value != null && !(typeof value === "number" && valid(value));
}

/** The profiling phase must end somehow and send something: at least one request, or a duration. */
@ValidatorConstraint({ name: "boundedPhase" })
class BoundedPhase implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    const phase = value as PhaseConfig | undefined;
    // A bound given but invalid (`--requests -5`) is its own field's problem: said once, there.
    if (outOfRange(phase?.requests, (n) => Number.isInteger(n) && n >= 0) || outOfRange(phase?.duration_s, (n) => n >= 0 && n <= MAX_PHASE_SECONDS))
      return true;
    return (phase?.requests != null && phase.requests >= 1) || (phase?.duration_s != null && phase.duration_s > 0);
  }
  defaultMessage(): string {
    return "set requests (at least 1) or duration_s (or both: whichever comes first ends the phase)";
  }
}

/**
 * `phases:`.
 * @public
 */
export class PhasesConfig {
  @ValidateNested()
  @Type(() => PhaseConfig)
  warmup: PhaseConfig = Object.assign(new PhaseConfig(), { requests: 16 });

  @ValidateNested()
  @Validate(BoundedPhase)
  @Type(() => PhaseConfig)
  profiling: PhaseConfig = Object.assign(new PhaseConfig(), { requests: 200 });
}

/**
 * `dataset.synthetic:`: what synthetic requests ask of the server besides `max_tokens`.
 * @public
 */
export class SyntheticDatasetConfig {
  /** Ask the server to ignore end-of-sequence (`ignore_eos: true`, `min_tokens` = `max_tokens`), so outputs have the requested length. vLLM, SGLang and TensorRT-LLM accept these; OpenAI's API refuses them. */
  @IsBoolean()
  ignore_eos = false;
}

/**
 * `dataset:`: what is sent. Not routed (unlike `timing:`): the composer, the loaders and the
 * sampler each read some of these keys and are chosen independently, so the profiler keeps them.
 * @public
 */
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

  @ValidateNested()
  @Type(() => SyntheticDatasetConfig)
  synthetic: SyntheticDatasetConfig = new SyntheticDatasetConfig();
}

/**
 * `tokenizer:`: how tokens are counted (see the README's "Tokenizers").
 * @public
 */
export class TokenizerConfig {
  /** A Hugging Face model id (offline, from the local cache), a folder, a tokenizer.json, `o200k_base`, `cl100k_base`, or `none`. Empty: the endpoint's model name, if it resolves. */
  @IsString()
  name = "";

  /** `--use-server-token-count`: prefer the server's `usage` counts to the tokenizer's when a response has them. (No `token` word in the key: such keys are masked as secrets in exports.) */
  @IsBoolean()
  use_server_usage = false;
}

/**
 * `output:`.
 * @public
 */
export class OutputConfig {
  /** Where runs are written: each run in its own folder here, with a `latest` link to the newest. */
  @IsString()
  dir = "./artifacts";

  /** Write into `dir` itself instead of a new folder per run (overwrites the previous run's files). */
  @IsBoolean()
  flat = false;

  @IsArray()
  @IsString({ each: true })
  data_exporters: string[] = ["json", "csv", "records", "aiperf_json", "aiperf_csv", "aiperf_jsonl"];

  @IsArray()
  @IsString({ each: true })
  console_exporters: string[] = ["summary_table", "errors"];
}

/**
 * `ui:`: `auto` picks progress on a terminal and simple elsewhere.
 * @public
 */
export class UiConfig {
  @IsString()
  type = "auto";
}

/**
 * `service_manager:`: where requests are executed. The profiler owns the selectors; every other
 * key belongs to the selected manager's registry `config:` class (`multiprocess`: `workers`).
 * @public
 */
export class ServiceManagerConfig {
  @IsString()
  type = "in_process";

  /** The bus services talk over (internal protocol `communication`). */
  @IsString()
  communication = "in_process";

  /** Each service's end of the bus (internal protocol `communication_client`). */
  @IsString()
  communication_client = "in_process";
}

/**
 * The profiler's whole config; every key has a default.
 * @public
 */
export class AppConfig extends KernelConfig {
  @ValidateNested()
  @Type(() => ProfilerPluginsConfig)
  override plugins: ProfilerPluginsConfig = new ProfilerPluginsConfig();

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
  @Type(() => TokenizerConfig)
  tokenizer: TokenizerConfig = new TokenizerConfig();

  @ValidateNested()
  @Type(() => OutputConfig)
  output: OutputConfig = new OutputConfig();

  @ValidateNested()
  @Type(() => UiConfig)
  ui: UiConfig = new UiConfig();

  @ValidateNested()
  @Type(() => ServiceManagerConfig)
  service_manager: ServiceManagerConfig = new ServiceManagerConfig();

  /** Goodput SLOs: metric tag → limit in the metric's unit (`time_to_first_token: 200`); see docs/metrics.md. */
  @IsObject()
  goodput: Record<string, number> = {};

  /** Pass/fail checks, k6-style (`p99(time_to_first_token)<300`, `error_rate<0.01`); any failing makes the run exit 3. */
  @IsArray()
  @IsString({ each: true })
  thresholds: string[] = [];
}

/** Which config key picks which `one` protocol's implementation. @internal */
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

/** Which config list enables which `many` protocol's implementations. @internal */
export const MANY_SELECTIONS: readonly { protocol: string; path: readonly string[] }[] = [
  { protocol: "phase_hook", path: ["plugins", "phase_hooks"] },
  { protocol: "post_processor", path: ["plugins", "post_processors"] },
  { protocol: "data_exporter", path: ["output", "data_exporters"] },
  { protocol: "console_exporter", path: ["output", "console_exporters"] },
];

/**
 * A section whose keys belong to the implementation it selects: the profiler keeps `owned` keys
 * (selectors and the run's seed) and hands the rest to that implementation's `config:` class.
 * @internal
 */
export interface RoutedSection {
  /** Where the section is, e.g. `["endpoint", "mock"]`. */
  path: readonly string[];
  /** The class validating the owned keys (its schema is left open for the others). */
  sectionClass: new () => object;
  /** The `one` protocol whose selected implementation gets the other keys. */
  protocol: string;
  /** The owned key that selects it. */
  selector: string;
  owned: readonly string[];
}

/**
 * Sections routed to the selected implementation, so a plugin strategy (or mock server, or
 * service manager) gets its own keys there, with file:line:col and did-you-mean on a typo.
 * `dataset:` is not routed: its keys are read by several implementations chosen independently
 * (the composer, the loaders, the sampler all read some), so no one of them owns the section.
 * @internal
 */
export const ROUTED_SECTIONS: readonly RoutedSection[] = [
  { path: ["timing"], sectionClass: TimingConfig, protocol: "timing_strategy", selector: "strategy", owned: ["strategy", "arrival", "seed"] },
  { path: ["endpoint", "mock"], sectionClass: MockServerConfig, protocol: "mock_server", selector: "type", owned: ["type"] },
  {
    path: ["service_manager"],
    sectionClass: ServiceManagerConfig,
    protocol: "service_manager",
    selector: "type",
    owned: ["type", "communication", "communication_client"],
  },
];

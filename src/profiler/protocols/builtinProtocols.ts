import type { Protocol } from "../../kernel/protocol/defineProtocol.js";
import { Communication } from "./Communication.js";
import { CommunicationClient } from "./CommunicationClient.js";
import { ConsoleExporter } from "./ConsoleExporter.js";
import { CustomDatasetLoader } from "./CustomDatasetLoader.js";
import { DataExporter } from "./DataExporter.js";
import { DatasetComposer } from "./DatasetComposer.js";
import { DatasetSampler } from "./DatasetSampler.js";
import { Endpoint } from "./Endpoint.js";
import { Metric } from "./Metric.js";
import { MockServer } from "./MockServer.js";
import { PhaseHook } from "./PhaseHook.js";
import { PostProcessor } from "./PostProcessor.js";
import { RecordProcessor } from "./RecordProcessor.js";
import { RequestRateGenerator } from "./RequestRateGenerator.js";
import { ResultsProcessor } from "./ResultsProcessor.js";
import { Service } from "./Service.js";
import { ServiceManager } from "./ServiceManager.js";
import { TimingStrategy } from "./TimingStrategy.js";
import { Tokenizer } from "./Tokenizer.js";
import { Transport } from "./Transport.js";
import { Ui } from "./Ui.js";
import { ZmqProxy } from "./ZmqProxy.js";

/** The profiler's protocols: the extension points of a run, then `mock_server`, `metric` and `tokenizer`. */
export const BUILTIN_PROTOCOLS: readonly Protocol[] = [
  Endpoint,
  Transport,
  TimingStrategy,
  RequestRateGenerator,
  DatasetComposer,
  CustomDatasetLoader,
  DatasetSampler,
  RecordProcessor,
  ResultsProcessor,
  PostProcessor,
  PhaseHook,
  DataExporter,
  ConsoleExporter,
  Ui,
  Service,
  ServiceManager,
  Communication,
  CommunicationClient,
  ZmqProxy,
  MockServer,
  Metric,
  Tokenizer,
] as Protocol[];

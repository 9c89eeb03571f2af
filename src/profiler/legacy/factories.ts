import { Communication } from "../protocols/Communication.js";
import { CommunicationClient } from "../protocols/CommunicationClient.js";
import { ConsoleExporter } from "../protocols/ConsoleExporter.js";
import { CustomDatasetLoader } from "../protocols/CustomDatasetLoader.js";
import { DataExporter } from "../protocols/DataExporter.js";
import { DatasetComposer } from "../protocols/DatasetComposer.js";
import { DatasetSampler } from "../protocols/DatasetSampler.js";
import { Endpoint } from "../protocols/Endpoint.js";
import { RecordProcessor } from "../protocols/RecordProcessor.js";
import { RequestRateGenerator } from "../protocols/RequestRateGenerator.js";
import { ResultsProcessor } from "../protocols/ResultsProcessor.js";
import { Service } from "../protocols/Service.js";
import { ServiceManager } from "../protocols/ServiceManager.js";
import { TimingStrategy } from "../protocols/TimingStrategy.js";
import { Transport } from "../protocols/Transport.js";
import { Ui } from "../protocols/Ui.js";
import { ZmqProxy } from "../protocols/ZmqProxy.js";
import { createLegacyFactory } from "./createLegacyFactory.js";

// The 17 legacy factories: thin deprecated shims over the registry.
/** @deprecated Use `app.get(Ui, name)`. */
export const AIPerfUIFactory = createLegacyFactory("AIPerfUIFactory", Ui, "Ui");
/** @deprecated Use `app.get(CommunicationClient, name)`. */
export const CommunicationClientFactory = createLegacyFactory("CommunicationClientFactory", CommunicationClient, "CommunicationClient");
/** @deprecated Use `app.get(Communication, name)`. */
export const CommunicationFactory = createLegacyFactory("CommunicationFactory", Communication, "Communication");
/** @deprecated Use `app.get(DatasetComposer, name)`. */
export const ComposerFactory = createLegacyFactory("ComposerFactory", DatasetComposer, "DatasetComposer");
/** @deprecated Use `app.get(ConsoleExporter, name)`. */
export const ConsoleExporterFactory = createLegacyFactory("ConsoleExporterFactory", ConsoleExporter, "ConsoleExporter");
/** @deprecated Use `app.get(TimingStrategy, name)`. */
export const CreditIssuingStrategyFactory = createLegacyFactory("CreditIssuingStrategyFactory", TimingStrategy, "TimingStrategy");
/** @deprecated Use `app.get(CustomDatasetLoader, name)`. */
export const CustomDatasetFactory = createLegacyFactory("CustomDatasetFactory", CustomDatasetLoader, "CustomDatasetLoader");
/** @deprecated Use `app.get(DataExporter, name)`. */
export const DataExporterFactory = createLegacyFactory("DataExporterFactory", DataExporter, "DataExporter");
/** @deprecated Use `app.get(DatasetSampler, name)`. */
export const DatasetSamplingStrategyFactory = createLegacyFactory("DatasetSamplingStrategyFactory", DatasetSampler, "DatasetSampler");
/** @deprecated Use `app.get(Endpoint, name)`. */
export const EndpointFactory = createLegacyFactory("EndpointFactory", Endpoint, "Endpoint");
/** @deprecated Use `app.get(Service, name)`. */
export const ServiceFactory = createLegacyFactory("ServiceFactory", Service, "Service");
/** @deprecated Use `app.get(ServiceManager, name)`. */
export const ServiceManagerFactory = createLegacyFactory("ServiceManagerFactory", ServiceManager, "ServiceManager");
/** @deprecated Use `app.get(RecordProcessor, name)`. */
export const RecordProcessorFactory = createLegacyFactory("RecordProcessorFactory", RecordProcessor, "RecordProcessor");
/** @deprecated Use `app.get(ResultsProcessor, name)`. */
export const ResultsProcessorFactory = createLegacyFactory("ResultsProcessorFactory", ResultsProcessor, "ResultsProcessor");
/** @deprecated Use `app.get(RequestRateGenerator, name)`. */
export const RequestRateGeneratorFactory = createLegacyFactory("RequestRateGeneratorFactory", RequestRateGenerator, "RequestRateGenerator");
/** @deprecated Use `app.get(Transport, name)`. */
export const TransportFactory = createLegacyFactory("TransportFactory", Transport, "Transport");
/** @deprecated Use `app.get(ZmqProxy, name)`. */
export const ZMQProxyFactory = createLegacyFactory("ZMQProxyFactory", ZmqProxy, "ZmqProxy");

/**
 * Every legacy factory with the protocol it delegates to (for docs and tests).
 * @public
 */
export const LEGACY_FACTORIES = {
  AIPerfUIFactory: { factory: AIPerfUIFactory, protocol: Ui },
  CommunicationClientFactory: { factory: CommunicationClientFactory, protocol: CommunicationClient },
  CommunicationFactory: { factory: CommunicationFactory, protocol: Communication },
  ComposerFactory: { factory: ComposerFactory, protocol: DatasetComposer },
  ConsoleExporterFactory: { factory: ConsoleExporterFactory, protocol: ConsoleExporter },
  CreditIssuingStrategyFactory: { factory: CreditIssuingStrategyFactory, protocol: TimingStrategy },
  CustomDatasetFactory: { factory: CustomDatasetFactory, protocol: CustomDatasetLoader },
  DataExporterFactory: { factory: DataExporterFactory, protocol: DataExporter },
  DatasetSamplingStrategyFactory: { factory: DatasetSamplingStrategyFactory, protocol: DatasetSampler },
  EndpointFactory: { factory: EndpointFactory, protocol: Endpoint },
  ServiceFactory: { factory: ServiceFactory, protocol: Service },
  ServiceManagerFactory: { factory: ServiceManagerFactory, protocol: ServiceManager },
  RecordProcessorFactory: { factory: RecordProcessorFactory, protocol: RecordProcessor },
  ResultsProcessorFactory: { factory: ResultsProcessorFactory, protocol: ResultsProcessor },
  RequestRateGeneratorFactory: { factory: RequestRateGeneratorFactory, protocol: RequestRateGenerator },
  TransportFactory: { factory: TransportFactory, protocol: Transport },
  ZMQProxyFactory: { factory: ZMQProxyFactory, protocol: ZmqProxy },
} as const;

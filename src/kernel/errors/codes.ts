/**
 * Stable error codes. Tools and tests may match on these; never rename one.
 * @public
 */
export const ErrorCode = {
  UnknownProtocol: "AIPERF_UNKNOWN_PROTOCOL",
  TypeNotFound: "AIPERF_TYPE_NOT_FOUND",
  RegistryInvalid: "AIPERF_REGISTRY_INVALID",
  ClassPathInvalid: "AIPERF_CLASS_PATH_INVALID",
  RequiresUnsatisfied: "AIPERF_REQUIRES_UNSATISFIED",
  PluginDuplicate: "AIPERF_PLUGIN_DUPLICATE",
  PluginNotFound: "AIPERF_PLUGIN_NOT_FOUND",
  PluginLoadFailed: "AIPERF_PLUGIN_LOAD_FAILED",
  ProtocolMismatch: "AIPERF_PROTOCOL_MISMATCH",
  ConfigInvalid: "AIPERF_CONFIG_INVALID",
  ConflictAmbiguous: "AIPERF_CONFLICT",
  NoSelection: "AIPERF_NO_SELECTION",
  DatasetInvalid: "AIPERF_DATASET_INVALID",
  DisposeFailed: "AIPERF_DISPOSE_FAILED",
  Usage: "AIPERF_USAGE",
  PluginDependencyMissing: "AIPERF_PLUGIN_DEPENDENCY_MISSING",
  PluginDependencyVersion: "AIPERF_PLUGIN_DEPENDENCY_VERSION",
  PluginDependencyCycle: "AIPERF_PLUGIN_DEPENDENCY_CYCLE",
  PluginStartFailed: "AIPERF_PLUGIN_START_FAILED",
  PluginTimeout: "AIPERF_PLUGIN_TIMEOUT",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

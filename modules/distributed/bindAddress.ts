import { AiperfError } from "aiperf";

/** The host part of `tcp://HOST:PORT` (brackets of an IPv6 literal removed). */
export function bindHost(endpoint: string): string {
  const host = /^tcp:\/\/(\[[^\]]+\]|[^:/]+):/.exec(endpoint)?.[1] ?? "";
  return host.replace(/^\[|\]$/g, "");
}

/** Whether the endpoint listens on loopback only (127.0.0.0/8, ::1, localhost). */
export function isLoopback(endpoint: string): boolean {
  const host = bindHost(endpoint).toLowerCase();
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Binding beyond loopback without CURVE keys would let anyone on the network join and read the api key. */
export function insecureBindError(endpoint: string): AiperfError {
  return new AiperfError(
    "AIPERF_DISTRIBUTED_INSECURE_BIND",
    `service_manager.bind ${endpoint} is not a loopback address: set service_manager.curve_key_file (write one with: aiperf worker keygen) or AIPERF_CURVE_KEY_FILE, and give workers the same key`,
  );
}

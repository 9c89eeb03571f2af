import type { ServiceContext } from "aiperf";

/**
 * The part of a run's context a worker in another thread or process can be given: plain data
 * only. The tokenizer stays behind: records are counted where they are collected, on the main thread.
 */
export function workerContext(context: ServiceContext): ServiceContext {
  const { tokenizer: _, ...rest } = context;
  return rest;
}

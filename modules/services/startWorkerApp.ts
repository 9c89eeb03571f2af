import { createProfilerApp, Service, type ServiceContext, silentLogger } from "aiperf";

/** A worker's own app and its running `worker` service. */
export interface WorkerApp {
  app: Awaited<ReturnType<typeof createProfilerApp>>;
  worker: Service;
  /** Stops the worker service and disposes the app. */
  stop(): Promise<void>;
}

/**
 * Builds a worker's app from the run's config (as the main app was built, paths already
 * absolute, no UI), with `client` as its communication client (and that client's settings), and
 * starts the `worker` service in it. Worker threads and worker processes both start here.
 */
export async function startWorkerApp(context: ServiceContext, client: { name: string; settings?: Record<string, unknown> }): Promise<WorkerApp> {
  const plugins = (context.config.plugins ?? {}) as { select?: Record<string, unknown>; settings?: Record<string, unknown> };
  const config = {
    ...context.config,
    plugins: {
      ...plugins,
      select: { ...plugins.select, communication_client: client.name },
      ...(client.settings ? { settings: { ...plugins.settings, [`communication_client.${client.name}`]: client.settings } } : {}),
    },
  };
  const app = await createProfilerApp({ config, root: context.root, logger: silentLogger, isTTY: false });
  try {
    const worker = await app.get(Service, "worker");
    await worker.start({ ...context, config });
    return { app, worker, stop: () => worker.stop().then(() => app.dispose()) };
  } catch (error) {
    await app.dispose().catch(() => undefined);
    throw error;
  }
}

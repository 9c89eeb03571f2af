import { authorizationHeader, closestName, EndpointError, EndpointErrorCode, maskUrl, type ProbeTarget, requestHeaders, requestUrl } from "aiperf";
import { describeNetworkError } from "../transport/describeNetworkError.js";
import { getText } from "./getText.js";

type Answer = { status: number; type: string; body: string } | { failure: string };

/** The URLs errors name, with credentials masked: the one configured, and the one asked. */
interface Shown {
  base: string;
  models: string;
}

const POLL_MS = 1000;

async function getModels(target: ProbeTarget, url: string): Promise<Answer> {
  try {
    const own: [string, string][] = [["accept", "application/json"]];
    const authorization = authorizationHeader(new URL(url), target.apiKey);
    if (authorization) own.push(authorization);
    // Node writes the Host header unless one is given: a user's `Host` replaces it, as in the transport.
    const headers = Object.fromEntries(requestHeaders(own, target.headers));
    return await getText(url, { headers, timeoutMs: target.timeoutMs, timeoutName: "endpoint.connect_timeout_ms", limit: 64 * 1024, signal: target.signal });
  } catch (error) {
    return { failure: describeNetworkError(error) };
  }
}

function modelIds(body: string): string[] | undefined {
  try {
    const parsed = JSON.parse(body) as { data?: unknown };
    if (!Array.isArray(parsed.data)) return undefined;
    return parsed.data.map((m) => (m as { id?: unknown })?.id).filter((id): id is string => typeof id === "string");
  } catch {
    return undefined;
  }
}

/** The verdict on one answer: undefined when the run may start. */
function verdict(answer: Answer, target: ProbeTarget, shown: Shown): EndpointError | undefined {
  if ("failure" in answer) return new EndpointError(EndpointErrorCode.Unreachable, `cannot reach ${shown.base}: ${answer.failure}`);
  const where = `GET ${shown.models} answered ${answer.status}`;
  if (/text\/html/i.test(answer.type) || /^\s*<(!doctype|html)/i.test(answer.body)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(answer.body)?.[1]?.trim();
    return new EndpointError(
      EndpointErrorCode.Invalid,
      `${where} with an HTML page${title ? ` ("${title.slice(0, 80)}")` : ""}: this is not an OpenAI-compatible API; check endpoint.url`,
    );
  }
  if (answer.status === 401 || answer.status === 403)
    return new EndpointError(EndpointErrorCode.Invalid, `${where}: the server refused the credentials; check endpoint.api_key`);
  // A 5xx is retried while waiting for the model (a server still loading); otherwise, like a
  // server that lists no models (404, 405), the requests themselves will tell.
  if (answer.status >= 500 && target.waitForModelS > 0) return new EndpointError(EndpointErrorCode.Unreachable, `${where}: the server is failing`);
  if (answer.status !== 200) return undefined;
  const ids = modelIds(answer.body);
  if (!ids || ids.length === 0 || ids.includes(target.model)) return undefined;
  const sorted = [...ids].sort();
  const close = closestName(target.model, sorted);
  return new EndpointError(
    EndpointErrorCode.ModelNotFound,
    `${shown.base} does not serve model "${target.model}".${close ? ` Did you mean "${close}"?` : ""} Served: ${sorted.slice(0, 20).join(", ")}${sorted.length > 20 ? ", …" : ""}. Set endpoint.model (--model), or --wait-for-model while it loads.`,
  );
}

/**
 * The pre-flight check of OpenAI-compatible servers: `GET /v1/models` answers, is not an HTML
 * page, accepts the credentials and, when it lists models, lists the configured one. With
 * `waitForModelS`, an unreachable server or a missing model is retried until the deadline.
 */
export async function probeOpenAIServer(target: ProbeTarget): Promise<void> {
  const models = requestUrl(target.url, "/v1/models").href;
  const shown = { base: maskUrl(target.url), models: maskUrl(models) };
  const deadline = Date.now() + target.waitForModelS * 1000;
  for (;;) {
    const problem = verdict(await getModels(target, models), target, shown);
    if (!problem) return;
    const retryable = problem.code === EndpointErrorCode.Unreachable || problem.code === EndpointErrorCode.ModelNotFound;
    if (!retryable || Date.now() + POLL_MS > deadline || target.signal?.aborted) throw problem;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

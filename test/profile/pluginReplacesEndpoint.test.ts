import path from "node:path";
import { Endpoint } from "aiperf";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";
import { profileWith } from "../helpers/profileApp.js";

const app = tempDir("replace");
const marker = path.join(app, "used.txt");
// An application that depends on one plugin package, which replaces openai_chat at priority 10.
writeFiles(app, {
  "package.json": JSON.stringify({ name: "my-app", private: true, type: "module", dependencies: { "faster-chat": "1.0.0" } }),
  "node_modules/faster-chat/package.json": JSON.stringify({ name: "faster-chat", version: "1.0.0", type: "module", aiperf: { registry: "registry.yaml" } }),
  "node_modules/faster-chat/registry.yaml":
    "plugin: { name: faster-chat, version: 1.0.0, requires: '>=1.0.0 <2' }\nendpoint:\n  openai_chat:\n    class: ./chat.js:FasterChat\n    priority: 10\n    description: Chat with a marker\n",
  "node_modules/faster-chat/chat.js": `import { appendFileSync } from "node:fs";
export class FasterChat {
  path = "/v1/chat/completions";
  formatRequest(turn, options) {
    appendFileSync(${JSON.stringify(marker)}, "x");
    return { model: options.model, messages: turn.messages, stream: options.streaming, max_tokens: turn.outputTokens };
  }
  parseResponse(payload) {
    const c = payload?.choices?.[0];
    return { text: c?.delta?.content ?? c?.message?.content ?? "", ...(payload?.usage ? { completionTokens: payload.usage.completion_tokens } : {}) };
  }
}
`,
});

describe("a user plugin replaces a built-in by being installed", () => {
  afterAll(() => removeDir(app));

  it("wins over the built-in openai_chat by priority and is what the profile run uses", async () => {
    const { results, app: used } = await profileWith(
      {
        phases: { warmup: { requests: 0 }, profiling: { requests: 5 } },
        endpoint: { mock: { ttft_ms: 0, itl_ms: 0, output_tokens: 3 } },
        output: { dir: path.join(app, "out"), console_exporters: [] },
      },
      { root: app },
    );
    const chat = used.registry.list("endpoint").filter((e) => e.name === "openai_chat");
    expect(chat.map((e) => [e.plugin, e.winner])).toEqual([
      ["builtin", false],
      ["faster-chat", true],
    ]);
    expect(results.records).toHaveLength(5);
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(marker, "utf8")).toBe("xxxxx");
    expect(Endpoint.name).toBe("endpoint");
  });

  it("shows both entries, the winner and the deciding rule, in plugins list --json", async () => {
    const { code, stdout } = await runCli(["plugins", "list", "endpoint", "--json", "--no-cache"], { cwd: app });
    expect(code).toBe(0);
    const entries = JSON.parse(stdout) as { name: string; plugin: string; status: string; decision: { rule: string } | null }[];
    const chat = entries.filter((e) => e.name === "openai_chat");
    expect(chat).toEqual([
      expect.objectContaining({ plugin: "faster-chat", status: "winner", decision: expect.objectContaining({ rule: "priority" }) }),
      expect.objectContaining({ plugin: "builtin", status: "shadowed", decision: expect.objectContaining({ rule: "priority" }) }),
    ]);
  });
});

// Preloaded with `node --import`: records the URL of every module the process loads, one per
// line, in the file named by RECORD_LOADS. The hooks run on Node's loader thread, so they are
// registered here and write to a file the test reads afterwards.
import { register } from "node:module";

register("./recordLoadsHooks.js", import.meta.url, { data: { out: process.env.RECORD_LOADS } });

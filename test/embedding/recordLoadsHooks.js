import { appendFileSync } from "node:fs";

let out;

export function initialize(data) {
  out = data.out;
}

// Written before the module is evaluated, so a line exists for every module that starts loading,
// including one that throws while it runs.
export async function load(url, context, nextLoad) {
  if (out) appendFileSync(out, `${url}\n`);
  return nextLoad(url, context);
}

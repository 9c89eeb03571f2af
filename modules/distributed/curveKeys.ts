import { chmod, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { AiperfError } from "aiperf";
import { loadZmq } from "./wire.js";
import { z85Decode } from "./z85.js";

/**
 * A CURVE keypair in Z85 text. The controller and its workers share one: the controller serves
 * with it and admits only clients presenting its public key, so holding the secret is membership.
 */
export interface CurveKeys {
  publicKey: string;
  secretKey: string;
}

/** Environment variables that carry the keypair instead of a file. */
export const CURVE_ENV = { publicKey: "AIPERF_CURVE_PUBLIC_KEY", secretKey: "AIPERF_CURVE_SECRET_KEY", file: "AIPERF_CURVE_KEY_FILE" } as const;

function invalid(where: string, what: string): AiperfError {
  return new AiperfError("AIPERF_CURVE_KEY_INVALID", `${where}: ${what} (write a keypair with: aiperf worker keygen)`);
}

function checked(keys: Partial<CurveKeys>, where: string): CurveKeys {
  for (const name of ["publicKey", "secretKey"] as const) {
    const value = keys[name];
    if (!value) throw invalid(where, `no ${name === "publicKey" ? "public" : "secret"} key`);
    if (value.length !== 40 || z85Decode(value) === undefined)
      throw invalid(where, `the ${name === "publicKey" ? "public" : "secret"} key is not a 40-character Z85 key`);
  }
  return keys as CurveKeys;
}

/** Reads a keypair file (`public: …` and `secret: …` lines). The key text never appears in an error. */
export async function readKeyFile(file: string): Promise<CurveKeys> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new AiperfError("AIPERF_CURVE_KEY_INVALID", `cannot read the CURVE key file ${file}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
  }
  const field = (name: string) => new RegExp(`^\\s*${name}\\s*:\\s*(\\S+)\\s*$`, "m").exec(text)?.[1];
  return checked({ publicKey: field("public"), secretKey: field("secret") }, file);
}

/**
 * The keypair to use: `file` (config or flag) first, then `AIPERF_CURVE_KEY_FILE`, then
 * `AIPERF_CURVE_PUBLIC_KEY` + `AIPERF_CURVE_SECRET_KEY`; undefined when none is given.
 */
export async function findCurveKeys(file: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<CurveKeys | undefined> {
  const fromFile = file ?? env[CURVE_ENV.file];
  if (fromFile) return readKeyFile(fromFile);
  if (env[CURVE_ENV.publicKey] === undefined && env[CURVE_ENV.secretKey] === undefined) return undefined;
  return checked({ publicKey: env[CURVE_ENV.publicKey], secretKey: env[CURVE_ENV.secretKey] }, `${CURVE_ENV.publicKey}/${CURVE_ENV.secretKey}`);
}

/**
 * Writes a new keypair as `<prefix>.key` (public and secret) and `<prefix>.pub` (public only),
 * both readable by their owner alone (0600); refuses to overwrite unless `force`.
 */
export async function writeKeyPair(prefix: string, force = false): Promise<string[]> {
  const { curveKeyPair } = await loadZmq();
  const { publicKey, secretKey } = curveKeyPair();
  const keyFile = `${prefix}.key`;
  const pubFile = `${prefix}.pub`;
  const flag = force ? "w" : "wx";
  const header = "# aiperf CURVE keypair: give it to the controller and every worker (a Kubernetes Secret); never share it further\n";
  try {
    await writeFile(keyFile, `${header}public: ${publicKey}\nsecret: ${secretKey}\n`, { mode: 0o600, flag });
    await writeFile(pubFile, `# aiperf CURVE public key\npublic: ${publicKey}\n`, { mode: 0o600, flag });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw new AiperfError(
        "AIPERF_CURVE_KEY_EXISTS",
        `${path.basename(keyFile)} or ${path.basename(pubFile)} already exists in ${path.dirname(keyFile)} (pass --force to replace it)`,
      );
    throw error;
  }
  // An existing file keeps its mode through writeFile: make sure a replaced key is private too.
  await Promise.all([chmod(keyFile, 0o600), chmod(pubFile, 0o600)]);
  return [keyFile, pubFile];
}

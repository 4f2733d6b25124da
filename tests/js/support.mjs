// Starts moto-connect-server on a free loopback port for one test file, and stops it after.
//
// The executable is $MOTO_CONNECT_SERVER, else the project's .venv, else moto-connect-server on PATH.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const VENV_SERVER = join(HERE, "..", "..", ".venv", "bin", "moto-connect-server");
const START_TIMEOUT_MS = 60_000;

export const REGION = "us-east-1";
export const CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" };

// fake credentials for anything that reads the environment instead of the client config
Object.assign(process.env, {
  AWS_ACCESS_KEY_ID: "testing",
  AWS_SECRET_ACCESS_KEY: "testing",
  AWS_REGION: REGION,
  AWS_EC2_METADATA_DISABLED: "true",
  // the pinned SDK supports Node.js 20; its notice about later releases needing 22 is noise here
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
});

function serverExecutable() {
  if (process.env.MOTO_CONNECT_SERVER) return process.env.MOTO_CONNECT_SERVER;
  return existsSync(VENV_SERVER) ? VENV_SERVER : "moto-connect-server";
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(endpoint, child, output) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`moto-connect-server exited with ${child.exitCode}:\n${output.join("")}`);
    }
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`moto-connect-server did not answer on ${endpoint} within ${START_TIMEOUT_MS} ms:\n${output.join("")}`);
}

/** Start the server before this file's tests and stop it after them; `server.endpoint` is its URL. */
export function useServer() {
  const server = { endpoint: "", child: null };
  before(async () => {
    const port = await freePort();
    const output = [];
    const child = spawn(serverExecutable(), ["-H", "127.0.0.1", "-p", String(port)], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr.on("data", (chunk) => {
      output.push(chunk.toString());
      if (output.length > 200) output.shift();
    });
    const spawned = new Promise((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", (error) =>
        reject(new Error(`cannot run ${serverExecutable()} (set MOTO_CONNECT_SERVER): ${error.message}`)),
      );
    });
    await spawned;
    server.child = child;
    // should the test process end without the after hook (a crash), take the server with it
    process.once("exit", () => child.exitCode === null && child.kill("SIGKILL"));
    server.endpoint = `http://127.0.0.1:${port}`;
    await waitUntilServing(server.endpoint, child, output);
  });
  after(async () => {
    const child = server.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  });
  return server;
}

/** A client of `Client` pointed at the server, with fake credentials and no retries. */
export function clientOf(Client, server) {
  return new Client({ endpoint: server.endpoint, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
}

/** Run `send` and return the error it throws (fails when it does not throw). */
export async function errorOf(send) {
  try {
    await send();
  } catch (error) {
    return error;
  }
  throw new Error("the call succeeded; an error was expected");
}

/** A CONNECT_MANAGED instance with calls both ways; CreateInstance's answer. */
export async function newInstance(connect, CreateInstanceCommand, alias) {
  return connect.send(
    new CreateInstanceCommand({
      IdentityManagementType: "CONNECT_MANAGED",
      InstanceAlias: alias,
      InboundCallsEnabled: true,
      OutboundCallsEnabled: true,
    }),
  );
}

/**
 * A tiny JSON API on 127.0.0.1 in a worker thread (its own event loop, so the server's work does
 * not interleave with the client's timers). Every path answers a fixed JSON body;
 * `/__last-headers` returns the headers of the previous request, to copy them for the baseline.
 */
import { Worker } from "node:worker_threads";

const SERVER_SOURCE = `
const http = require("node:http");
const { parentPort } = require("node:worker_threads");
const body = JSON.stringify({ data: [{ id: "c_1", name: "Ada Lovelace", email: "ada@example.com" }, { id: "c_2", name: "Grace Hopper", email: "grace@example.com" }], next: null });
const me = JSON.stringify({ id: "u_1", email: "owner@acme.example" });
let lastHeaders = {};
let count = 0;
const server = http.createServer((req, res) => {
  if (req.url === "/__last-headers") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ headers: lastHeaders, count }));
    return;
  }
  count++;
  lastHeaders = req.headers;
  res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
  res.end(req.url.endsWith("/me") ? me : body);
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
parentPort.on("message", (message) => { if (message === "close") server.close(() => process.exit(0)); });
`;

export interface LoopbackServer {
  origin: string;
  lastRequest(): Promise<{ headers: Record<string, string>; count: number }>;
  close(): Promise<void>;
}

export async function startLoopbackServer(): Promise<LoopbackServer> {
  const worker = new Worker(SERVER_SOURCE, { eval: true });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    async lastRequest() {
      const response = await fetch(`${origin}/__last-headers`);
      return (await response.json()) as { headers: Record<string, string>; count: number };
    },
    async close() {
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.postMessage("close");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
      await worker.terminate();
    },
  };
}

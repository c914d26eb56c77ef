// What the load scenarios share: free loopback ports, and waiting for a process to answer.
const { createServer } = require('node:net');

/** A port that was free on 127.0.0.1 a moment ago. */
function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `url` answers below 500 (10 s at most). */
async function waitFor(url, init) {
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(url, init)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up`);
}

module.exports = { freePort, waitFor };

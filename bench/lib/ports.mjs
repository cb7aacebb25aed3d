import { createServer } from 'node:net';

// A port no other process holds right now, for a service a bench starts: listen on port 0 on
// 127.0.0.1, read the port the system gave, close, then hand the port to the service (not a random
// number in a fixed range, which two runs at once or any other listener can already hold).
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

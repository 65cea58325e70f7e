// A recording proxy in front of one simulator. The simulators' own request log has the path and
// status only, and the APIs page by query or body fields, so the proxy records each request whole
// (method, URL, body) and what became of its answer. It streams the answer through untouched, so a
// reset stays a reset and a truncated body stays truncated for the client.
import { createServer, request } from 'node:http';

/**
 * Each entry: `{ seq, at, doneAt, method, url, body, status, outcome, text }`; outcome is `delivered` (the
 * whole answer reached the client), `upstream-failed` (the simulator reset or cut the answer) or
 * `client-gone` (the client went away first: its timeout, or it was killed).
 */
export async function startRecordingProxy(target) {
  const upstream = new URL(target);
  const requests = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const entry = {
        seq: requests.length + 1,
        at: Date.now(),
        method: req.method,
        url: req.url,
        body: raw.toString('utf8'),
        status: null,
        outcome: null,
        doneAt: null,
        text: '',
      };
      requests.push(entry);
      const settle = (outcome) => {
        entry.outcome ??= outcome;
        entry.doneAt ??= Date.now();
      };
      res.on('close', () => settle(res.writableFinished ? 'delivered' : 'client-gone'));
      const headers = { ...req.headers, host: upstream.host };
      const out = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
        (answer) => {
          entry.status = answer.statusCode;
          res.writeHead(answer.statusCode, answer.headers);
          answer.on('data', (chunk) => {
            entry.text += chunk;
            res.write(chunk);
          });
          answer.on('end', () => res.end());
          // A simulator that resets or truncates: pass the broken connection on as it is.
          answer.on('aborted', () => {
            settle('upstream-failed');
            res.destroy();
          });
          answer.on('error', () => {
            settle('upstream-failed');
            res.destroy();
          });
        },
      );
      out.on('error', () => {
        settle('upstream-failed');
        res.destroy();
      });
      // The client gave up (timeout) or died: let the simulator see it too.
      res.on('close', () => {
        if (!res.writableFinished) out.destroy();
      });
      out.end(raw);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: async () => {
      // Keep-alive sockets of a killed client must not hold close() up.
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

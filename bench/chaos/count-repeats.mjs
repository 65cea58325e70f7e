// API calls repeated, from the proxies' request logs. A request is identified by its exact bytes
// (method, URL, body): the same slice of the same partition from the same cursor asks the same
// thing. A *good* answer is a whole 2xx JSON body that reached the client. Requests after a fault
// (5xx, 429, reset, cut or malformed body, timeout) are retries the faults caused, not repeats.
// A repeat is a second good answer to the same request. The slice protocol allows one, per
// partition, per kill: the slice that was fetched but not yet committed when the process died.
// Any other repeat is beyond the in-flight bound.

function isGood(entry) {
  if (entry.outcome !== 'delivered' || entry.status < 200 || entry.status > 299) return false;
  try {
    JSON.parse(entry.text);
    return true;
  } catch {
    return false;
  }
}

/**
 * `processes`: each `freshet run` of the chaos run, in order: `{ startedAt, killed }`. A request
 * belongs to the last process started before it arrived (processes never overlap).
 */
export function countRepeats(apis, processes) {
  const processOf = (at) => processes.findLastIndex((p) => p.startedAt <= at);
  const byRequest = new Map();
  let requests = 0;
  let good = 0;
  for (const [name, proxy] of Object.entries(apis.proxies)) {
    for (const entry of proxy.requests) {
      requests++;
      if (!isGood(entry)) continue;
      good++;
      const id = `${name} ${entry.method} ${entry.url} ${entry.body}`;
      const list = byRequest.get(id) ?? [];
      list.push({ process: processOf(entry.at), partition: apis.partitionOf(name, entry), entry });
      byRequest.set(id, list);
    }
  }
  const allowanceUsed = new Set();
  let repeated = 0;
  const beyond = [];
  for (const [id, answers] of byRequest) {
    for (let i = 1; i < answers.length; i++) {
      repeated++;
      const before = answers[i - 1];
      const slot = `${before.process} ${before.partition}`;
      const inFlightAtKill =
        before.process < answers[i].process && processes[before.process].killed && !allowanceUsed.has(slot);
      if (inFlightAtKill) allowanceUsed.add(slot);
      else beyond.push(`${id.slice(0, 160)} (processes ${before.process} and ${answers[i].process})`);
    }
  }
  // Not good: a fault or a 429 answered it, or the client was gone (its timeout, or killed).
  return { requests, good, notGood: requests - good, repeated, beyond };
}

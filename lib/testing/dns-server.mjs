// A small DNS server on loopback that stands in for the internet's DNS in tests: it answers TXT
// queries over UDP with the records a test publishes, in the DNS wire format (RFC 1035), so the
// app's real resolver (node:dns Resolver, pointed here with DNS_SERVERS) talks to it unchanged.
// A name can also be made to fail (SERVFAIL) or to go unanswered (the resolver times out).
// Plain JavaScript so scripts/e2e-server.mjs can start it in-process; types in dns-server.d.mts.
import { createSocket } from "node:dgram";

const TYPE_TXT = 16;
const CLASS_IN = 1;
const NOERROR = 0;
const FORMERR = 1;
const SERVFAIL = 2;
const NXDOMAIN = 3;
const NOTIMP = 4;

const normalize = (name) => String(name).toLowerCase().replace(/\.$/, "");

/** The header and only question of a query, or null for a message that is not one. */
function parseQuery(msg) {
  if (msg.length < 12) return null;
  const id = msg.readUInt16BE(0);
  const flags = msg.readUInt16BE(2);
  if (flags & 0x8000) return null; // a response, not a query
  if (msg.readUInt16BE(4) !== 1) return { id, flags, rcode: FORMERR, questionEnd: 12 };
  const labels = [];
  let offset = 12;
  for (;;) {
    if (offset >= msg.length) return { id, flags, rcode: FORMERR, questionEnd: 12 };
    const length = msg[offset];
    if (length === 0) break;
    // A query's only question has no compression pointers to follow.
    if (length & 0xc0 || offset + 1 + length > msg.length) return { id, flags, rcode: FORMERR, questionEnd: 12 };
    labels.push(msg.toString("latin1", offset + 1, offset + 1 + length));
    offset += 1 + length;
  }
  offset += 1;
  if (offset + 4 > msg.length) return { id, flags, rcode: FORMERR, questionEnd: 12 };
  return { id, flags, name: normalize(labels.join(".")), type: msg.readUInt16BE(offset), klass: msg.readUInt16BE(offset + 2), questionEnd: offset + 4 };
}

/** One TXT record's data: its character-strings, each at most 255 bytes (longer text is split). */
function txtData(value) {
  const parts = [];
  for (const text of Array.isArray(value) ? value : [value]) {
    const bytes = Buffer.from(text, "utf8");
    for (let i = 0; i === 0 || i < bytes.length; i += 255) {
      const chunk = bytes.subarray(i, i + 255);
      parts.push(Buffer.from([chunk.length]), chunk);
    }
  }
  return Buffer.concat(parts);
}

/** The response: the query's id, opcode, RD flag and question (echoed byte for byte), then the answers. */
function response(msg, query, rcode, records = []) {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.id, 0);
  // QR, the query's opcode and RD, AA (this server is the authority for its names), RA, rcode.
  header.writeUInt16BE(0x8000 | (query.flags & 0x7900) | 0x0400 | 0x0080 | rcode, 2);
  const hasQuestion = query.questionEnd > 12;
  header.writeUInt16BE(hasQuestion ? 1 : 0, 4);
  header.writeUInt16BE(records.length, 6);
  const answers = records.map((value) => {
    const data = txtData(value);
    const rr = Buffer.alloc(12);
    rr.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    rr.writeUInt16BE(TYPE_TXT, 2);
    rr.writeUInt16BE(CLASS_IN, 4);
    rr.writeUInt32BE(0, 6); // TTL 0: nothing keeps an answer a test is about to change
    rr.writeUInt16BE(data.length, 10);
    return Buffer.concat([rr, data]);
  });
  return Buffer.concat([header, msg.subarray(12, query.questionEnd), ...answers]);
}

/**
 * Starts the server. `lookup`, when given, answers names the test has not published or made to
 * fail (the browser tests read their records from the database this way).
 * @param {{ port?: number, host?: string, lookup?: (name: string) => Promise<(string | string[])[] | null> }} [options]
 */
export async function startDnsServer({ port = 0, host = "127.0.0.1", lookup } = {}) {
  const records = new Map(); // name -> TXT values
  const failures = new Map(); // name -> "servfail" | "no-answer"
  const queries = [];
  const socket = createSocket(host.includes(":") ? "udp6" : "udp4");

  async function answer(msg) {
    const query = parseQuery(msg);
    if (!query) return null;
    if (query.rcode !== undefined) return response(msg, query, query.rcode);
    queries.push(query.name);
    if ((query.flags & 0x7800) !== 0 || query.klass !== CLASS_IN) return response(msg, query, NOTIMP);
    const failure = failures.get(query.name);
    if (failure === "no-answer") return null;
    if (failure === "servfail") return response(msg, query, SERVFAIL);
    let values = records.get(query.name) ?? null;
    if (!values && lookup) {
      try {
        values = await lookup(query.name);
      } catch {
        return response(msg, query, SERVFAIL);
      }
    }
    if (!values) return response(msg, query, NXDOMAIN);
    return response(msg, query, NOERROR, query.type === TYPE_TXT ? values : []);
  }

  socket.on("message", (msg, rinfo) => {
    answer(msg).then((reply) => {
      if (reply) socket.send(reply, rinfo.port, rinfo.address);
    });
  });
  await new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(port, host, () => {
      socket.off("error", reject);
      resolve();
    });
  });
  const bound = socket.address().port;
  return {
    address: host.includes(":") ? `[${host}]:${bound}` : `${host}:${bound}`,
    /** Publishes the TXT records of a name (each a string, or its character-strings as an array). */
    setTxt(name, values) {
      failures.delete(normalize(name));
      records.set(normalize(name), values);
    },
    /** Makes queries for a name fail with SERVFAIL, or go unanswered. */
    setFailure(name, failure) {
      failures.set(normalize(name), failure);
    },
    /** Forgets a name: it answers NXDOMAIN again. */
    remove(name) {
      records.delete(normalize(name));
      failures.delete(normalize(name));
    },
    /** Every name asked so far, in order. */
    queries,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

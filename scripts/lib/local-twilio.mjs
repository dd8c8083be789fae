// A local Twilio for development and tests: the part of Twilio's REST API the app uses (Messages
// and Calls: create, fetch, list; Accounts fetch; IncomingPhoneNumbers list), form-encoded with
// Basic auth and Twilio's JSON error bodies and codes, plus the network's side: signed status
// callbacks (duplicated or out of order when asked), inbound texts and calls posted to the app's
// webhooks, and STOP honoured as Twilio does (a number that replied STOP is refused with 21610).
// Plain Node, no dependencies. The app reaches it through the SDK's httpClient seam
// (TWILIO_API_BASE); nothing in the app knows it is not Twilio.
//
// Control endpoints for tests and the development UI, under /_control (no auth, loopback only):
//   POST /_control/accounts        {sid?, token?}                      → {sid, token}  (creates or replaces)
//   POST /_control/numbers         {accountSid, number, smsUrl?, voiceUrl?} → a number on an account, and its webhooks
//   POST /_control/behaviour       {accountSid, ...}                  → how messages and calls progress (below)
//   POST /_control/inbound-sms     {to, from, body, url?, mediaUrls?, photos?} → posts the signed inbound webhook, answers {status, body}
//                                  (photos: n attaches n generated PNG photos held here as Twilio
//                                  media: MediaUrl /2010-04-01/Accounts/AC…/Messages/MM…/Media/ME…,
//                                  Basic auth, answered with a redirect to the bytes, as Twilio does)
//   POST /_control/inbound-call    {to, from, url?}                   → posts the signed voice webhook, answers {status, body}
//   POST /_control/advance         {sid, status, duplicates?, extra?} → posts that status callback now (signed), answers {results}
//   POST /_control/replay          {sid, index}                       → posts an earlier callback again, as it was
//   GET  /_control/messages?accountSid=&to=                          → every message created (for counting in tests)
//   GET  /_control/calls?accountSid=                                 → every call, with its TwiML and `played` (all its callbacks answered)
//   POST /_control/reset
// Behaviour (per account): progress "auto" (queued → sent → delivered by itself, 150 ms apart)
// or "manual" (tests call /advance); finalStatus delivered | undelivered | failed; errorCode for
// it; outOfOrder (delivered posted before sent); duplicates (each callback posted n+1 times);
// failCreates: n (the next n creates answer 500 without creating), dropAfterCreate: n (the next
// n creates are stored, then the connection is cut before the answer: a crash between the call
// and our save); answerCalls: true | false; dialStatus: what the number an answered call <Dial>s
// does (completed | no-answer | busy | failed; its result goes to the <Dial action> URL).
import { createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import { crc32, deflateSync } from "node:zlib";

const E164 = /^\+[1-9]\d{1,14}$/;
const STOP = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"];
const START = ["START", "UNSTOP", "YES"];
const API = "/2010-04-01";

const hex = (n) => randomBytes(n).toString("hex").slice(0, n * 2);
const sid = (prefix) => `${prefix}${randomBytes(16).toString("hex")}`;
const rfc2822 = (d) => d.toUTCString().replace("GMT", "+0000");

/** X-Twilio-Signature: base64 HMAC-SHA1 of the URL and every parameter, sorted by name, with the auth token. */
export function twilioSignature(token, url, params) {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + (Array.isArray(params[key]) ? params[key].join("") : params[key]), url);
  return createHmac("sha1", token).update(Buffer.from(data, "utf-8")).digest("base64");
}

/** A small solid-colour PNG (a "photo" a lead sends), made here: the local Twilio has no files. */
export function photoPng(n = 0, width = 160, height = 120) {
  const colours = [[70, 130, 180], [160, 82, 45], [46, 139, 87], [218, 165, 32]];
  const [r, g, b] = colours[n % colours.length];
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x += 1) row.set([r, g, b], 1 + x * 3);
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))), chunk("IEND", Buffer.alloc(0))]);
}

/**
 * Starts the local Twilio. `accounts`: [{ sid, token, numbers? }] known from the start;
 * `open`: any well-formed SID and token is accepted and remembered on first use (development);
 * `webhookBase`: where inbound texts and calls go (`${webhookBase}/api/webhooks/twilio/sms|voice`).
 */
export async function startLocalTwilio({ port = 0, host = "127.0.0.1", accounts = [], open = false, webhookBase = null, log = () => {} } = {}) {
  const state = { accounts: new Map(), numbers: new Map(), numberUrls: new Map(), messages: new Map(), calls: new Map(), optOuts: new Set(), behaviour: new Map(), media: new Map() };
  const addAccount = (a) => {
    const account = { sid: a.sid ?? `AC${hex(16)}`, token: a.token ?? hex(16), created: new Date() };
    state.accounts.set(account.sid, account);
    for (const n of a.numbers ?? []) state.numbers.set(n, account.sid);
    return account;
  };
  for (const a of accounts) addAccount(a);
  const behaviourOf = (accountSid) => ({ progress: "auto", finalStatus: "delivered", duplicates: 0, outOfOrder: false, failCreates: 0, dropAfterCreate: 0, answerCalls: true, ...state.behaviour.get(accountSid) });

  function twilioError(res, status, code, message) {
    json(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
  }

  function authenticate(req, res, accountSid) {
    const header = req.headers.authorization ?? "";
    const [user, pass] = header.startsWith("Basic ") ? Buffer.from(header.slice(6), "base64").toString().split(":") : [];
    let account = state.accounts.get(user);
    if (!account && open && /^AC[0-9a-f]{32}$/.test(user ?? "") && /^[0-9a-f]{32}$/.test(pass ?? "")) account = addAccount({ sid: user, token: pass });
    if (!account || account.token !== pass) {
      twilioError(res, 401, 20003, "Authenticate");
      return null;
    }
    if (accountSid !== account.sid) {
      twilioError(res, 404, 20404, `The requested resource ${req.url} was not found`);
      return null;
    }
    return account;
  }

  function messageJson(m) {
    return {
      sid: m.sid,
      account_sid: m.accountSid,
      messaging_service_sid: m.messagingServiceSid ?? null,
      to: m.to,
      from: m.from,
      body: m.body,
      status: m.status,
      direction: m.direction,
      num_segments: String(Math.max(1, Math.ceil(m.body.length / 153))),
      num_media: String(m.mediaUrls?.length ?? 0),
      error_code: m.errorCode ?? null,
      error_message: m.errorCode ? `Error ${m.errorCode}` : null,
      price: m.price ?? null,
      price_unit: "USD",
      date_created: rfc2822(m.created),
      date_updated: rfc2822(m.updated),
      date_sent: m.sent ? rfc2822(m.sent) : null,
      api_version: "2010-04-01",
      uri: `${API}/Accounts/${m.accountSid}/Messages/${m.sid}.json`,
      subresource_uris: { media: `${API}/Accounts/${m.accountSid}/Messages/${m.sid}/Media.json` },
    };
  }

  function callJson(c) {
    return {
      sid: c.sid,
      account_sid: c.accountSid,
      to: c.to,
      from: c.from,
      status: c.status,
      direction: c.direction,
      duration: c.duration != null ? String(c.duration) : null,
      price: c.price ?? null,
      price_unit: "USD",
      start_time: c.started ? rfc2822(c.started) : null,
      end_time: c.ended ? rfc2822(c.ended) : null,
      date_created: rfc2822(c.created),
      date_updated: rfc2822(c.updated),
      api_version: "2010-04-01",
      uri: `${API}/Accounts/${c.accountSid}/Calls/${c.sid}.json`,
    };
  }

  /** Posts a form to the app, signed with the account's token, and reads the answer. */
  async function post(url, accountSid, params) {
    const account = state.accounts.get(accountSid);
    const body = new URLSearchParams(params).toString();
    const headers = { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature(account.token, url, params), "user-agent": "TwilioProxy/1.1 (local)" };
    try {
      const res = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(15_000) });
      const text = await res.text();
      log(`POST ${url} → ${res.status}`);
      return { status: res.status, body: text };
    } catch (err) {
      log(`POST ${url} failed: ${err.message}`);
      return { status: 0, body: String(err.message) };
    }
  }

  function messageCallbackParams(m, status) {
    return {
      AccountSid: m.accountSid,
      ApiVersion: "2010-04-01",
      From: m.from,
      MessageSid: m.sid,
      MessageStatus: status,
      SmsSid: m.sid,
      SmsStatus: status,
      To: m.to,
      ...(m.messagingServiceSid ? { MessagingServiceSid: m.messagingServiceSid } : {}),
      ...((status === "undelivered" || status === "failed") && m.errorCode ? { ErrorCode: String(m.errorCode) } : {}),
    };
  }

  function callCallbackParams(c, status, extra = {}) {
    return {
      AccountSid: c.accountSid,
      ApiVersion: "2010-04-01",
      CallSid: c.sid,
      CallStatus: status,
      Direction: c.direction,
      From: c.from,
      To: c.to,
      ...(status === "completed" ? { CallDuration: String(c.duration ?? 0) } : {}),
      ...extra,
    };
  }

  /** Moves a message or call to `status` and posts its callback (n+1 times with duplicates). */
  async function advance(id, status, { duplicates = 0, extra = {} } = {}) {
    const m = state.messages.get(id);
    const c = state.calls.get(id);
    const item = m ?? c;
    if (!item) return null;
    item.status = status;
    item.updated = new Date();
    if (m) {
      if (status === "sent") m.sent = new Date();
      if (status === "delivered" || status === "undelivered" || status === "failed" || status === "sent") m.price = m.price ?? "-0.00790";
      if (status !== "undelivered" && status !== "failed") delete m.errorCode;
    }
    if (c) {
      if (status === "in-progress") c.started = new Date();
      if (["completed", "busy", "no-answer", "failed", "canceled"].includes(status)) {
        c.ended = new Date();
        c.duration = status === "completed" ? (c.duration ?? 42) : 0;
        c.price = status === "completed" ? "-0.01400" : "0.00000";
      }
    }
    const url = item.statusCallback;
    if (!url) return [];
    const params = m ? messageCallbackParams(m, status) : callCallbackParams(c, status, extra);
    item.callbacks.push(params);
    const results = [];
    for (let i = 0; i <= duplicates; i += 1) results.push(await post(url, item.accountSid, params));
    return results;
  }

  function progressMessage(m) {
    const b = behaviourOf(m.accountSid);
    if (b.progress !== "auto") return;
    const final = b.finalStatus;
    if (final !== "delivered") m.errorCode = b.errorCode ?? (final === "failed" ? 30008 : 30003);
    const steps = b.outOfOrder ? [final, "sent"] : ["sent", final];
    let t = 150;
    for (const status of steps) {
      setTimeout(() => void advance(m.sid, status, { duplicates: b.duplicates }), t).unref?.();
      t += 150;
    }
  }

  /** The action URL of the call's first <Dial> (TwiML given inline), entities decoded; null when none. */
  function dialActionOf(c) {
    const m = /<Dial\b[^>]*\baction="([^"]*)"/.exec(c.twiml ?? "");
    if (!m) return null;
    return m[1].replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  }

  /**
   * Plays an outbound call, one step after the other (150 ms apart): ringing, then answered
   * (in-progress) or no-answer. An answered call whose TwiML has a <Dial action="…"> dials that
   * number, which answers (behaviour dialStatus, default "completed", for 37 s of the call's 42): its result is
   * posted to the action URL as Twilio does (DialCallStatus, DialCallSid, DialCallDuration), then
   * the call completes.
   */
  function progressCall(c) {
    const b = behaviourOf(c.accountSid);
    if (b.progress !== "auto") return;
    const steps = b.answerCalls ? ["ringing", "in-progress", "dial", "completed"] : ["ringing", "no-answer"];
    const pause = () => new Promise((resolve) => setTimeout(resolve, 150).unref?.());
    void (async () => {
      for (const status of steps) {
        await pause();
        if (status === "dial") {
          const action = dialActionOf(c);
          if (!action) continue;
          const dialStatus = b.dialStatus ?? "completed";
          const dialed = dialStatus === "completed" ? { DialCallDuration: "37" } : {};
          await post(action, c.accountSid, { ...callCallbackParams(c, "in-progress"), DialCallStatus: dialStatus, DialCallSid: sid("CA"), ...dialed });
          continue;
        }
        if (c.statusEvents && !c.statusEvents.includes(status === "in-progress" ? "answered" : status) && status !== "completed" && status !== "no-answer") {
          c.status = status;
          continue;
        }
        await advance(c.sid, status, { duplicates: b.duplicates });
        if (status === "completed" && c.record && c.recordingCallback) {
          const params = { AccountSid: c.accountSid, CallSid: c.sid, RecordingSid: sid("RE"), RecordingUrl: `${baseUrl}${API}/Accounts/${c.accountSid}/Recordings/${c.sid}`, RecordingDuration: String(c.duration ?? 42), RecordingStatus: "completed" };
          await post(c.recordingCallback, c.accountSid, params);
        }
      }
      c.played = true;
    })();
  }

  function createMessage(account, p, res, req) {
    const b = behaviourOf(account.sid);
    const to = p.get("To") ?? "";
    const from = p.get("From") ?? "";
    const service = p.get("MessagingServiceSid");
    const body = p.get("Body") ?? "";
    const media = p.getAll("MediaUrl");
    if (!to) return twilioError(res, 400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to)) return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!from && !service) return twilioError(res, 400, 21603, "A 'From' phone number is required.");
    if (from && !E164.test(from)) return twilioError(res, 400, 21212, `The 'From' number ${from} is not a valid phone number.`);
    if (!body && !media.length) return twilioError(res, 400, 21602, "Message body is required.");
    if (body.length > 1600) return twilioError(res, 400, 21617, "The concatenated message body exceeds the 1600 character limit.");
    if (to.startsWith("+1") === false && !to.startsWith("+44")) return twilioError(res, 400, 21408, `Permission to send an SMS has not been enabled for the region indicated by the 'To' number: ${to}.`);
    if (b.failCreates > 0) {
      state.behaviour.set(account.sid, { ...state.behaviour.get(account.sid), failCreates: b.failCreates - 1 });
      return twilioError(res, 500, 20500, "Internal Server Error");
    }
    const sender = from || [...state.numbers.entries()].find(([, a]) => a === account.sid)?.[0] || "+15005550006";
    if (state.optOuts.has(`${sender}|${to}`) || state.optOuts.has(`*|${account.sid}|${to}`)) {
      return twilioError(res, 400, 21610, "Attempt to send to unsubscribed recipient");
    }
    if (from) state.numbers.set(from, state.numbers.get(from) ?? account.sid);
    const now = new Date();
    const m = { sid: sid("SM"), accountSid: account.sid, to, from: sender, messagingServiceSid: service ?? null, body, mediaUrls: media, status: "queued", direction: "outbound-api", created: now, updated: now, statusCallback: p.get("StatusCallback") ?? null, callbacks: [] };
    state.messages.set(m.sid, m);
    if (b.dropAfterCreate > 0) {
      state.behaviour.set(account.sid, { ...state.behaviour.get(account.sid), dropAfterCreate: b.dropAfterCreate - 1 });
      progressMessage(m);
      req.socket.destroy();
      return;
    }
    json(res, 201, messageJson(m));
    progressMessage(m);
  }

  function createCall(account, p, res) {
    const to = p.get("To") ?? "";
    const from = p.get("From") ?? "";
    if (!E164.test(to)) return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!E164.test(from)) return twilioError(res, 400, 21212, `The 'From' number ${from} is not a valid phone number.`);
    if (!p.get("Url") && !p.get("Twiml") && !p.get("ApplicationSid")) return twilioError(res, 400, 21205, "Url parameter is required.");
    const now = new Date();
    const c = {
      sid: sid("CA"), accountSid: account.sid, to, from, status: "queued", direction: "outbound-api", created: now, updated: now,
      statusCallback: p.get("StatusCallback") ?? null, statusEvents: p.getAll("StatusCallbackEvent").length ? p.getAll("StatusCallbackEvent") : null,
      twiml: p.get("Twiml") ?? null, url: p.get("Url") ?? null, record: p.get("Record") === "true", recordingCallback: p.get("RecordingStatusCallback") ?? null, callbacks: [],
    };
    state.calls.set(c.sid, c);
    json(res, 201, callJson(c));
    progressCall(c);
  }

  function list(res, req, items, key, toJson) {
    const url = new URL(req.url, "http://local");
    const q = url.searchParams;
    const size = Math.min(1000, Number(q.get("PageSize") ?? 50));
    const page = Number(q.get("Page") ?? 0);
    let rows = items.filter((i) => (!q.get("To") || i.to === q.get("To")) && (!q.get("From") || i.from === q.get("From")));
    const after = q.get("DateSent>") ?? q.get("StartTime>");
    if (after) rows = rows.filter((i) => (i.sent ?? i.started ?? i.created) >= new Date(after));
    rows.sort((a, b) => b.created - a.created || (a.sid < b.sid ? 1 : -1));
    const slice = rows.slice(page * size, page * size + size);
    const base = url.pathname;
    const pageUri = (n) => { const u = new URLSearchParams(q); u.set("Page", String(n)); u.set("PageSize", String(size)); return `${base}?${u}`; };
    json(res, 200, {
      [key]: slice.map(toJson),
      page,
      page_size: size,
      start: page * size,
      end: page * size + slice.length - 1,
      uri: pageUri(page),
      first_page_uri: pageUri(0),
      previous_page_uri: page > 0 ? pageUri(page - 1) : null,
      next_page_uri: (page + 1) * size < rows.length ? pageUri(page + 1) : null,
    });
  }

  async function inbound(kind, input) {
    const accountSid = input.accountSid ?? state.numbers.get(input.to);
    const account = accountSid && state.accounts.get(accountSid);
    if (!account) return { status: 404, body: `no account has the number ${input.to}` };
    state.numbers.set(input.to, account.sid);
    const url = input.url ?? state.numberUrls.get(input.to)?.[kind === "sms" ? "sms" : "voice"] ?? (webhookBase ? `${webhookBase}/api/webhooks/twilio/${kind === "sms" ? "sms" : "voice"}` : null);
    if (!url) return { status: 400, body: "no webhook URL" };
    if (kind === "sms") {
      const body = input.body ?? "";
      const word = body.trim().toUpperCase();
      // Twilio's own handling on long codes: STOP opts out of that sender, START opts back in.
      if (STOP.includes(word)) state.optOuts.add(`${input.to}|${input.from}`);
      if (START.includes(word)) state.optOuts.delete(`${input.to}|${input.from}`);
      const photos = Math.min(10, Number(input.photos) || 0);
      // Twilio names a message with media MM…; its photos are media resources of that message.
      const messageSid = input.sid ?? sid(photos ? "MM" : "SM");
      const generated = Array.from({ length: photos }, (_, i) => {
        const mediaSid = sid("ME");
        const path = `${API}/Accounts/${account.sid}/Messages/${messageSid}/Media/${mediaSid}`;
        state.media.set(path, { accountSid: account.sid, contentType: "image/png", bytes: photoPng(i), token: hex(16) });
        return { url: `${baseUrl}${path}`, contentType: "image/png" };
      });
      const media = [...(input.mediaUrls ?? []).map((url) => ({ url, contentType: "image/jpeg" })), ...generated];
      const params = {
        AccountSid: account.sid, ApiVersion: "2010-04-01", Body: body, From: input.from, To: input.to, MessageSid: messageSid, SmsSid: messageSid, SmsStatus: "received",
        NumMedia: String(media.length), NumSegments: "1", ...Object.fromEntries(media.flatMap((m, i) => [[`MediaUrl${i}`, m.url], [`MediaContentType${i}`, m.contentType]])),
        ...(input.fromState ? { FromState: input.fromState } : {}),
      };
      params.SmsSid = params.MessageSid;
      const m = { sid: params.MessageSid, accountSid: account.sid, to: input.to, from: input.from, body, status: "received", direction: "inbound", created: new Date(), updated: new Date(), callbacks: [] };
      state.messages.set(m.sid, m);
      return { ...(await post(url, account.sid, params)), sid: m.sid, params };
    }
    const c = { sid: input.sid ?? sid("CA"), accountSid: account.sid, to: input.to, from: input.from, status: "ringing", direction: "inbound", created: new Date(), updated: new Date(), callbacks: [] };
    state.calls.set(c.sid, c);
    const params = { AccountSid: account.sid, ApiVersion: "2010-04-01", CallSid: c.sid, CallStatus: "ringing", Direction: "inbound", From: input.from, To: input.to };
    return { ...(await post(url, account.sid, params)), sid: c.sid, params };
  }

  async function control(req, res, path) {
    const body = req.method === "POST" ? JSON.parse((await readBody(req)) || "{}") : {};
    const url = new URL(req.url, "http://local");
    switch (`${req.method} ${path}`) {
      case "POST /_control/accounts": {
        const a = addAccount(body);
        return json(res, 200, { sid: a.sid, token: a.token });
      }
      case "POST /_control/numbers":
        if (!state.accounts.has(body.accountSid)) return json(res, 404, { error: "no such account" });
        state.numbers.set(body.number, body.accountSid);
        state.numberUrls.set(body.number, { sms: body.smsUrl ?? null, voice: body.voiceUrl ?? null });
        return json(res, 200, { ok: true });
      case "POST /_control/behaviour": {
        const { accountSid, ...rest } = body;
        state.behaviour.set(accountSid, { ...state.behaviour.get(accountSid), ...rest });
        return json(res, 200, behaviourOf(accountSid));
      }
      case "POST /_control/inbound-sms":
        return json(res, 200, await inbound("sms", body));
      case "POST /_control/inbound-call":
        return json(res, 200, await inbound("call", body));
      case "POST /_control/advance": {
        const results = await advance(body.sid, body.status, { duplicates: body.duplicates ?? 0, extra: body.extra ?? {} });
        return results ? json(res, 200, { results }) : json(res, 404, { error: "no such message or call" });
      }
      case "POST /_control/replay": {
        const item = state.messages.get(body.sid) ?? state.calls.get(body.sid);
        const params = item?.callbacks[body.index ?? 0];
        if (!params) return json(res, 404, { error: "no such callback" });
        return json(res, 200, await post(item.statusCallback, item.accountSid, params));
      }
      case "GET /_control/messages": {
        const rows = [...state.messages.values()].filter((m) => (!url.searchParams.get("accountSid") || m.accountSid === url.searchParams.get("accountSid")) && (!url.searchParams.get("to") || m.to === url.searchParams.get("to")));
        return json(res, 200, rows.map((m) => ({ ...messageJson(m), callbacks: m.callbacks.length })));
      }
      case "GET /_control/calls": {
        const rows = [...state.calls.values()].filter((c) => !url.searchParams.get("accountSid") || c.accountSid === url.searchParams.get("accountSid"));
        return json(res, 200, rows.map((c) => ({ ...callJson(c), twiml: c.twiml, url: c.url, played: Boolean(c.played) })));
      }
      case "POST /_control/reset":
        for (const m of Object.values(state)) m.clear();
        for (const a of accounts) addAccount(a);
        return json(res, 200, { ok: true });
      default:
        return json(res, 404, { error: "unknown control endpoint" });
    }
  }

  async function handle(req, res) {
    const url = new URL(req.url, "http://local");
    const path = url.pathname;
    if (path.startsWith("/_control/")) return control(req, res, path);
    if (path.startsWith("/_media/")) {
      // Where a media resource redirects to (Twilio's CDN): no auth, an unguessable token.
      const item = [...state.media.values()].find((m) => `/_media/${m.token}` === path);
      if (!item) return twilioError(res, 404, 20404, `The requested resource ${path} was not found`);
      res.writeHead(200, { "content-type": item.contentType, "content-length": item.bytes.length });
      return res.end(item.bytes);
    }
    const media = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/[^/]+\/Media\/[^/.]+$/.exec(path);
    if (media && req.method === "GET") {
      // A message's photo, with HTTP Basic auth enforced (Twilio's "HTTP Basic Authentication for
      // media access"), answered as Twilio does: a redirect to the bytes.
      if (!authenticate(req, res, media[1])) return;
      const item = state.media.get(path);
      if (!item || item.accountSid !== media[1]) return twilioError(res, 404, 20404, `The requested resource ${path} was not found`);
      res.writeHead(307, { location: `${baseUrl}/_media/${item.token}` });
      return res.end();
    }
    const m = /^\/2010-04-01\/Accounts\/([^/]+?)(?:\/(Messages|Calls|IncomingPhoneNumbers)(?:\/([^/]+?))?)?\.json$/.exec(path);
    if (!m) return twilioError(res, 404, 20404, `The requested resource ${path} was not found`);
    const [, accountSid, collection, id] = m;
    const account = authenticate(req, res, accountSid);
    if (!account) return;
    if (!collection) {
      if (req.method !== "GET") return twilioError(res, 405, 20004, "Method not allowed");
      return json(res, 200, { sid: account.sid, friendly_name: "Local Twilio (simulated)", status: "active", type: "Full", date_created: rfc2822(account.created), uri: `${API}/Accounts/${account.sid}.json` });
    }
    if (collection === "IncomingPhoneNumbers") {
      const numbers = [...state.numbers.entries()].filter(([n, a]) => a === account.sid && (!url.searchParams.get("PhoneNumber") || n === url.searchParams.get("PhoneNumber")));
      return json(res, 200, { incoming_phone_numbers: numbers.map(([n]) => ({ sid: `PN${createHmac("md5", "n").update(n).digest("hex")}`, phone_number: n, account_sid: account.sid })), page: 0, page_size: 50, next_page_uri: null, uri: path });
    }
    const store = collection === "Messages" ? state.messages : state.calls;
    const toJson = collection === "Messages" ? messageJson : callJson;
    if (req.method === "GET" && id) {
      const item = store.get(id);
      if (!item || item.accountSid !== account.sid) return twilioError(res, 404, 20404, `The requested resource ${path} was not found`);
      return json(res, 200, toJson(item));
    }
    if (req.method === "GET") return list(res, req, [...store.values()].filter((i) => i.accountSid === account.sid), collection === "Messages" ? "messages" : "calls", toJson);
    if (req.method === "POST" && !id) {
      const p = new URLSearchParams(await readBody(req));
      return collection === "Messages" ? createMessage(account, p, res, req) : createCall(account, p, res);
    }
    return twilioError(res, 405, 20004, "Method not allowed");
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      log(`error: ${err.stack}`);
      if (!res.headersSent) twilioError(res, 500, 20500, "Internal Server Error");
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise((resolve) => server.listen(port, host, resolve));
  const baseUrl = `http://${host}:${server.address().port}`;
  return {
    url: baseUrl,
    addAccount,
    state,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

function json(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (c) => {
      size += c.length;
      if (size > 1_000_000) req.destroy();
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

// `node scripts/lib/local-twilio.mjs [--port 4010] [--open] [--webhook-base http://localhost:3000]`
async function cli() {
  const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
  const accounts = (process.env.LOCAL_TWILIO_ACCOUNTS ?? "").split(",").filter(Boolean).map((entry) => { const [s, t, ...numbers] = entry.split(":"); return { sid: s, token: t, numbers }; });
  const twilio = await startLocalTwilio({ port: Number(arg("--port", 4010)), open: process.argv.includes("--open"), webhookBase: arg("--webhook-base", null), accounts, log: (line) => console.log(`[local-twilio] ${line}`) });
  console.log(`[local-twilio] simulated Twilio API at ${twilio.url}`);
  const stop = () => twilio.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

if (import.meta.url === `file://${process.argv[1]}`) void cli();

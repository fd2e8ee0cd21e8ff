// One RSocket connection over WebSocket to the gateway's /rsocket, as docs/realtime.md describes: JSON data,
// composite metadata with the route of each request, and the access token as bearer metadata in SETUP, which
// authenticates the whole connection.

import { RSocketConnector } from "rsocket-core";
import { WebsocketClientTransport } from "rsocket-websocket-client";
import {
  WellKnownMimeType,
  encodeBearerAuthMetadata,
  encodeCompositeMetadata,
  encodeRoute,
} from "rsocket-composite-metadata";

const KEEPALIVE_MS = 20_000;
const LIFETIME_MS = 90_000;
// Streams ask for this many frames at first and ask for more as they handle half of them, so a client that
// stops reading stops the server from sending rather than letting frames pile up in the socket.
const STREAM_WINDOW = 64;
const REQUEST_TIMEOUT_MS = 15_000;

/** An error frame of the protocol: {code, detail, ...extra fields} as the server sent it. */
export class RealtimeError extends Error {
  constructor(problem, rsocketCode) {
    super(problem.detail || problem.code);
    this.code = problem.code;
    this.problem = problem;
    this.rsocketCode = rsocketCode;
  }

  static of(error) {
    if (error instanceof RealtimeError) return error;
    let problem;
    try {
      problem = JSON.parse(error?.message);
    } catch {
      problem = null;
    }
    if (!problem || typeof problem.code !== "string") {
      problem = { code: "connection_error", detail: error?.message || String(error) };
    }
    return new RealtimeError(problem, error?.code);
  }
}

export class Realtime {
  #rsocket;
  #closed = false;

  constructor(rsocket, onClose) {
    this.#rsocket = rsocket;
    rsocket.onClose((error) => {
      this.#closed = true;
      onClose(error ? RealtimeError.of(error) : null);
    });
  }

  /** Opens the connection; {@code onClose} hears of its end, with the error frame that ended it if any. */
  static async connect(url, accessToken, onClose) {
    const connector = new RSocketConnector({
      setup: {
        dataMimeType: WellKnownMimeType.APPLICATION_JSON.string,
        metadataMimeType: WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.string,
        keepAlive: KEEPALIVE_MS,
        lifetime: LIFETIME_MS,
        payload: {
          data: null,
          metadata: encodeCompositeMetadata([
            [WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION, encodeBearerAuthMetadata(accessToken)],
          ]),
        },
      },
      transport: new WebsocketClientTransport({ url }),
    });
    let rsocket;
    try {
      rsocket = await connector.connect();
    } catch (error) {
      // a browser tells scripts nothing about why a WebSocket failed (the console has the status code)
      throw new RealtimeError({ code: "connection_error", detail: error?.message || `could not connect to ${url}` });
    }
    return new Realtime(rsocket, onClose);
  }

  get closed() {
    return this.#closed;
  }

  close() {
    if (!this.#closed) this.#rsocket.close();
  }

  /** Request-response: resolves with the answer ({ok: true, ...}), rejects with a {@link RealtimeError}. */
  request(route, data = {}) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cancellable.cancel();
        reject(new RealtimeError({ code: "timeout", detail: `${route} got no answer` }));
      }, REQUEST_TIMEOUT_MS);
      const cancellable = this.#rsocket.requestResponse(payload(route, data), {
        onNext(answer) {
          clearTimeout(timer);
          resolve(parse(answer));
        },
        onComplete() {
          clearTimeout(timer);
          resolve(null);
        },
        onError(error) {
          clearTimeout(timer);
          reject(RealtimeError.of(error));
        },
        onExtension() {},
      });
    });
  }

  /** Fire-and-forget: nothing comes back, not even a refusal. */
  fireAndForget(route, data = {}) {
    if (this.#closed) return;
    this.#rsocket.fireAndForget(payload(route, data), { onComplete() {}, onError() {} });
  }

  /**
   * Request-stream of {event, cursor, payload} frames. {@code handlers.onFrame} is called in order;
   * {@code onEnd(error|null)} once, when the server completes or ends the stream with an error frame.
   */
  stream(route, data, handlers) {
    let received = 0;
    let ended = false;
    const end = (error) => {
      if (!ended) {
        ended = true;
        handlers.onEnd(error);
      }
    };
    const subscription = this.#rsocket.requestStream(payload(route, data), STREAM_WINDOW, {
      onNext(frame, isComplete) {
        handlers.onFrame(parse(frame));
        if (++received === STREAM_WINDOW / 2 && !isComplete) {
          received = 0;
          subscription.request(STREAM_WINDOW / 2);
        }
        if (isComplete) end(null);
      },
      onComplete() {
        end(null);
      },
      onError(error) {
        end(RealtimeError.of(error));
      },
      onExtension() {},
    });
    return {
      cancel() {
        if (!ended) {
          ended = true;
          subscription.cancel();
        }
      },
    };
  }
}

function payload(route, data) {
  return {
    data: Buffer.from(JSON.stringify(data)),
    metadata: encodeCompositeMetadata([[WellKnownMimeType.MESSAGE_RSOCKET_ROUTING, encodeRoute(route)]]),
  };
}

function parse(frame) {
  return frame.data && frame.data.length ? JSON.parse(frame.data.toString("utf8")) : null;
}

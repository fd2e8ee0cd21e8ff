// The client's state and everything it does, without any DOM: the page (app.js) renders it on each "change".
//
// Streams: system.general (presence), user.{me} (new conversations and messages everywhere) and one
// conversation.{id} stream per conversation (its keys, members, typing, history). A message can arrive on both
// the user and the conversation stream; it is kept once, by its messageGroupId. Each stream remembers the last
// cursor it saw, so that after a reconnect it resumes exactly where it stopped.

import { Rest } from "./rest.js";
import { Realtime, RealtimeError } from "./realtime.js";
import { decrypt, encryptForMembers, generateKeyPair, importPrivateKey } from "./keys.js";

const TYPING_REPEAT_MS = 3_000; // a typist re-announces itself this often ...
const TYPING_IDLE_MS = 3_000; // ... and is done after this long without a keystroke
const TYPING_SHOWN_MS = 8_000; // others' typing is shown this long unless they say they finished
const RECONNECT_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000];
const NOT_YET_VISIBLE_RETRIES = [200, 500, 1_000, 2_000, 4_000];
// A stream the server ended with one of these codes is requested again after this long, from the cursor the
// error carries; not_found is a conversation's own decision (see #subscribeConversation), and invalid_request
// means a cursor this server does not know (a rebuilt database): the stream starts afresh.
const RESUME_AFTER_MS = { slow_consumer: 0, not_found: 0, invalid_request: 0, server_busy: 1_000, rate_limited: 2_000 };

export class Chat extends EventTarget {
  constructor(baseUrl) {
    super();
    this.rest = new Rest(baseUrl);
    this.socketUrl = baseUrl.replace(/^http/, "ws").replace(/\/$/, "") + "/rsocket";
    this.me = null; // {userId, displayName}
    this.status = "signed out"; // signed out, connecting, connected, reconnecting
    this.presence = new Map(); // userId -> displayName, online and not hidden
    this.conversations = new Map(); // conversationId -> Conversation
    this.error = null;
    this.realtime = null;
    this.userCursor = null;
    this.reconnects = 0;
    this.needsRefresh = false;
    this.typingSent = new Map(); // conversationId -> {lastSent, idleTimer}
  }

  async login(email, password) {
    await this.rest.login(email, password);
    this.me = { userId: this.rest.userId, displayName: null };
    this.rest.me().then((account) => {
      this.me.displayName = account.displayName;
      this.#changed();
    }, () => {});
    const summaries = await this.rest.conversations();
    for (const summary of summaries) this.#conversation(summary.conversationId, summary);
    try {
      await this.#connect();
    } catch (failure) {
      this.#fail(failure);
      this.#reconnect(); // the server may be restarting: keep trying, as after losing the connection
    }
  }

  logout() {
    this.status = "signed out";
    this.realtime?.close();
    this.realtime = null;
    this.#changed();
  }

  searchUsers(text) {
    return this.rest.searchUsers(text).then((page) => page.items.filter((user) => user.userId !== this.me.userId));
  }

  /** Starts (or finds) the private conversation with a user; answers its id. */
  async startPrivate(otherUserId) {
    const keys = await generateKeyPair();
    const answer = await this.realtime.request("system.start_private_conversation",
      { otherUserId, publicKey: keys.publicKey, privateKey: keys.privateKey });
    this.#watch(answer.conversationId);
    return answer.conversationId;
  }

  async startGroup(userIds, alias) {
    const keys = await generateKeyPair();
    const answer = await this.realtime.request("system.start_group_conversation",
      { userIds, alias: alias || null, publicKey: keys.publicKey, privateKey: keys.privateKey });
    this.#watch(answer.conversationId);
    return answer.conversationId;
  }

  /** Encrypts the text to every member's public key, the sender's own included, and sends the group. */
  async send(conversationId, text) {
    const conversation = this.conversations.get(conversationId);
    const missing = conversation.members.filter((member) => !conversation.publicKeys[member.userId]);
    if (missing.length) {
      throw new Error(`Waiting for ${missing.map((m) => m.displayName).join(", ")} to open the conversation`);
    }
    this.finishTyping(conversationId);
    const encryptedMessages = await encryptForMembers(text, conversation.publicKeys);
    return this.realtime.request(`conversation.${conversationId}.send_message`,
      { clientMessageId: crypto.randomUUID(), encryptedMessages });
  }

  /** Called on every keystroke in a conversation's message box: announces typing, at most every few seconds. */
  typing(conversationId) {
    const state = this.typingSent.get(conversationId) ?? { lastSent: 0, idleTimer: null };
    this.typingSent.set(conversationId, state);
    if (Date.now() - state.lastSent > TYPING_REPEAT_MS) {
      state.lastSent = Date.now();
      this.realtime?.fireAndForget(`conversation.${conversationId}.start_typing`);
    }
    clearTimeout(state.idleTimer);
    state.idleTimer = setTimeout(() => this.finishTyping(conversationId), TYPING_IDLE_MS);
  }

  finishTyping(conversationId) {
    const state = this.typingSent.get(conversationId);
    if (!state) return;
    clearTimeout(state.idleTimer);
    this.typingSent.delete(conversationId);
    this.realtime?.fireAndForget(`conversation.${conversationId}.finish_typing`);
  }

  markRead(conversationId) {
    this.realtime?.request(`conversation.${conversationId}.read`).catch(() => {});
  }

  displayName(userId) {
    if (userId === this.me?.userId) return this.me.displayName ?? "me";
    for (const conversation of this.conversations.values()) {
      const member = conversation.members.find((m) => m.userId === userId);
      if (member) return member.displayName;
    }
    return this.presence.get(userId) ?? userId;
  }

  // --- connection --------------------------------------------------------------------------------------------

  async #connect() {
    this.status = this.reconnects ? "reconnecting" : "connecting";
    this.#changed();
    let realtime = null;
    realtime = await Realtime.connect(this.socketUrl, this.rest.accessToken, (error) => this.#closed(realtime, error));
    this.realtime = realtime;
    this.#subscribeGeneral();
    this.#subscribeUser();
    for (const conversation of this.conversations.values()) this.#subscribeConversation(conversation);
    this.status = "connected";
    this.#changed();
  }

  #closed(realtime, error) {
    if (this.realtime !== realtime || this.status === "signed out") return;
    this.realtime = null;
    this.presence.clear();
    if (error?.code === "session_revoked") {
      this.#fail(error);
      this.logout();
      return;
    }
    if (error?.code === "token_expired" || error?.code === "unauthenticated") this.needsRefresh = true;
    this.#reconnect();
  }

  async #reconnect() {
    while (this.status !== "signed out") {
      this.status = "reconnecting";
      this.#changed();
      await sleep(RECONNECT_DELAYS_MS[Math.min(this.reconnects++, RECONNECT_DELAYS_MS.length - 1)]);
      try {
        if (this.needsRefresh) {
          await this.rest.refresh();
          this.needsRefresh = false;
        }
        await this.#connect();
        this.reconnects = 0;
        return;
      } catch (failure) {
        this.#fail(failure);
        if (failure.status === 401) {
          this.logout(); // the refresh token is no good either: sign in again
          return;
        }
      }
    }
  }

  /** A stream the server ended: resume it, unless the connection as a whole is going (that resumes all). */
  #ended(error, resume, resumedFrom) {
    if (error) console.info(`stream ended: ${error.code}: ${error.message}`);
    if (!error || !this.realtime || this.realtime.closed) return;
    if (["token_expired", "unauthenticated", "session_revoked"].includes(error.code)) {
      if (error.code === "session_revoked") {
        this.#fail(error);
        this.logout();
        return;
      }
      this.needsRefresh = true;
      this.realtime.close(); // and reconnect with a fresh token
      return;
    }
    if (error.code === "connection_error") return;
    const delay = error.code === "rate_limited" && error.problem.retryAfter
      ? error.problem.retryAfter * 1_000 : RESUME_AFTER_MS[error.code];
    if (delay === undefined || (error.code === "invalid_request" && !resumedFrom)) {
      this.#fail(error); // not something trying again would change
      return;
    }
    setTimeout(() => this.realtime && resume(error), delay);
  }

  // --- system.general: presence ------------------------------------------------------------------------------

  #subscribeGeneral() {
    this.realtime.stream("system.general", {}, {
      onFrame: ({ event, payload }) => {
        if (event === "presence_state") {
          this.presence = new Map(payload.users.map((u) => [u.userId, u.displayName]));
        } else if (event === "presence_diff") {
          for (const user of payload.leaves) this.presence.delete(user.userId);
          for (const user of payload.joins) this.presence.set(user.userId, user.displayName);
        } else if (event === "update_display_name") {
          if (this.presence.has(payload.userId)) this.presence.set(payload.userId, payload.displayName);
          if (payload.userId === this.me.userId) this.me.displayName = payload.displayName;
          for (const conversation of this.conversations.values()) {
            for (const member of conversation.members) {
              if (member.userId === payload.userId) member.displayName = payload.displayName;
            }
          }
        } else if (event === "server_notice") {
          this.notice = payload.message;
        }
        this.#changed();
      },
      onEnd: (error) => this.#ended(error, () => this.#subscribeGeneral()),
    });
  }

  // --- user.{me}: what happens to me everywhere --------------------------------------------------------------

  #subscribeUser() {
    const data = this.userCursor ? { after: this.userCursor } : {};
    this.realtime.stream(`user.${this.me.userId}`, data, {
      onFrame: ({ event, cursor, payload }) => {
        console.debug(`user stream: ${event} ${cursor} ${JSON.stringify(payload).slice(0, 160)}`);
        if (cursor) this.userCursor = cursor;
        this.#userEvent(event, payload);
        this.#changed();
      },
      onEnd: (error) => this.#ended(error, (e) => {
        this.userCursor = resumeCursor(e, this.userCursor);
        this.#subscribeUser();
      }, data.after),
    });
  }

  #userEvent(event, payload) {
    switch (event) {
      case "new_conversation":
        this.#watch(payload.conversationId, payload);
        break;
      case "session_revoked":
        this.#fail(new Error(`Signed out: ${payload.reason}`));
        break;
      default:
        // the same events, as the conversation stream carries them; whichever arrives first counts
        if (payload.conversationId && this.conversations.has(payload.conversationId)) {
          this.#conversationEvent(this.conversations.get(payload.conversationId), event, payload);
        }
    }
  }

  // --- conversation.{id} -------------------------------------------------------------------------------------

  #conversation(conversationId, summary) {
    let conversation = this.conversations.get(conversationId);
    if (!conversation) {
      conversation = {
        id: conversationId,
        private: summary?.private ?? false,
        alias: summary?.alias ?? null,
        members: summary?.members ?? [],
        publicKeys: {},
        privateKey: null, // CryptoKey, once known
        keysRequested: false,
        messages: new Map(), // messageGroupId -> message
        typing: new Map(), // userId -> timer
        cursor: null,
        stream: null,
        joined: false,
        retries: 0,
      };
      this.conversations.set(conversationId, conversation);
    }
    return conversation;
  }

  /** Starts following a conversation (once). */
  #watch(conversationId, summary) {
    const known = this.conversations.get(conversationId);
    const conversation = this.#conversation(conversationId, summary);
    if (!known && this.realtime) this.#subscribeConversation(conversation);
    this.#changed();
  }

  #subscribeConversation(conversation) {
    const data = conversation.cursor ? { after: conversation.cursor } : {};
    conversation.stream = this.realtime.stream(`conversation.${conversation.id}`, data, {
      onFrame: ({ event, cursor, payload }) => {
        console.debug(`conversation.${conversation.id.slice(0, 8)}: ${event} ${cursor} ${JSON.stringify(payload).slice(0, 160)}`);
        if (cursor) conversation.cursor = cursor;
        this.#conversationEvent(conversation, event, payload);
        this.#changed();
      },
      onEnd: (error) => this.#ended(error, (e) => {
        conversation.cursor = resumeCursor(e, conversation.cursor);
        if (e.code === "not_found") {
          // Just announced to us, the conversation may not be readable yet; later, not_found means we left.
          if (conversation.joined || conversation.retries >= NOT_YET_VISIBLE_RETRIES.length) {
            this.conversations.delete(conversation.id);
            this.#changed();
            return;
          }
          setTimeout(() => this.realtime && this.#subscribeConversation(conversation),
            NOT_YET_VISIBLE_RETRIES[conversation.retries++]);
          return;
        }
        this.#subscribeConversation(conversation);
      }, data.after),
    });
  }

  #conversationEvent(conversation, event, payload) {
    switch (event) {
      case "joined":
        this.#joined(conversation, payload.conversation, payload.history);
        break;
      case "new_message":
      case "edit_message":
        this.#message(conversation, payload);
        break;
      case "delete_message": {
        const message = conversation.messages.get(payload.messageGroupId);
        if (message) Object.assign(message, { deleted: true, content: null, text: null });
        break;
      }
      case "keys_set":
        conversation.publicKeys[payload.userId] = payload.publicKey;
        break;
      case "members_added":
        for (const userId of payload.userIds) {
          if (!conversation.members.some((m) => m.userId === userId)) {
            conversation.members.push({ userId, displayName: this.displayName(userId) });
          }
        }
        break;
      case "member_left":
        if (payload.userId === this.me.userId) { // left from another tab or device
          conversation.stream?.cancel();
          this.conversations.delete(conversation.id);
          break;
        }
        conversation.members = conversation.members.filter((m) => m.userId !== payload.userId);
        delete conversation.publicKeys[payload.userId];
        break;
      case "update_alias":
        conversation.alias = payload.alias;
        break;
      case "start_typing":
        if (payload.userId !== this.me.userId) {
          clearTimeout(conversation.typing.get(payload.userId));
          conversation.typing.set(payload.userId, setTimeout(() => {
            conversation.typing.delete(payload.userId);
            this.#changed();
          }, TYPING_SHOWN_MS));
        }
        break;
      case "finish_typing":
        clearTimeout(conversation.typing.get(payload.userId));
        conversation.typing.delete(payload.userId);
        break;
      default:
        break; // read_conversation and anything newer: nothing to show in this example
    }
  }

  async #joined(conversation, view, history) {
    conversation.joined = true;
    conversation.private = view.private;
    conversation.alias = view.alias;
    conversation.members = view.members;
    conversation.publicKeys = { ...view.publicKeys };
    for (const item of [...history.items].reverse()) this.#message(conversation, item);
    if (view.privateKey) {
      conversation.privateKey = await importPrivateKey(view.privateKey);
      await this.#decryptAll(conversation);
    } else if (!conversation.keysRequested) {
      // Started by someone else: this member makes its own key pair and uploads it; until every member has
      // one, nobody can send.
      conversation.keysRequested = true;
      const keys = await generateKeyPair();
      try {
        await this.realtime.request(`conversation.${conversation.id}.set_keys`,
          { publicKey: keys.publicKey, privateKey: keys.privateKey });
        conversation.privateKey = keys.decryptionKey;
        conversation.publicKeys[this.me.userId] = keys.publicKey;
        await this.#decryptAll(conversation);
      } catch (failure) {
        conversation.keysRequested = false;
        this.#fail(failure);
      }
    }
    this.#changed();
  }

  #message(conversation, payload) {
    const known = conversation.messages.get(payload.messageGroupId);
    if (known && known.content === payload.content && known.editedAt === (payload.editedAt ?? null)) return;
    const message = {
      id: payload.messageGroupId,
      senderId: payload.senderId,
      senderName: payload.senderName,
      content: payload.content,
      sentAt: payload.sentAt ?? known?.sentAt ?? payload.editedAt, // edit_message does not repeat sentAt
      editedAt: payload.editedAt ?? null,
      deleted: payload.deleted ?? false,
      text: null,
      undecryptable: false,
    };
    conversation.messages.set(message.id, message);
    if (message.senderId !== this.me.userId) {
      conversation.typing.delete(message.senderId);
    }
    if (conversation.privateKey) this.#decryptOne(conversation, message);
  }

  async #decryptAll(conversation) {
    await Promise.all([...conversation.messages.values()].map((m) => this.#decryptOne(conversation, m)));
  }

  async #decryptOne(conversation, message) {
    if (message.deleted || message.content == null || message.text != null) return;
    try {
      message.text = await decrypt(message.content, conversation.privateKey);
    } catch {
      message.undecryptable = true; // encrypted to a key this member has since replaced
    }
    this.#changed();
  }

  #fail(error) {
    this.error = error instanceof RealtimeError || error instanceof Error ? error : new Error(String(error));
    this.#changed();
  }

  #changed() {
    this.dispatchEvent(new Event("change"));
  }
}

/** Where a stream the server ended resumes: the error's cursor, or from scratch after an unknown cursor. */
function resumeCursor(error, cursor) {
  if (error.code === "invalid_request") return null;
  return error.problem.cursor ?? cursor;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

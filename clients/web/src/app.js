// The page: renders the Chat's state and turns clicks and keystrokes into calls on it. Every element a test
// looks for has a stable id or data attribute (data-user-id, data-conversation-id, data-message-group-id).
// User data is only ever set as textContent, never parsed as HTML.

import { Chat } from "./chat.js";
import { MAX_PLAINTEXT_BYTES } from "./keys.js";

const chat = new Chat(location.origin);
const $ = (id) => document.getElementById(id);
let openConversationId = null;
const seen = new Map(); // conversationId -> messages seen while it was open
let renderPending = false;

chat.addEventListener("change", () => {
  if (!renderPending) {
    renderPending = true;
    requestAnimationFrame(() => {
      renderPending = false;
      render();
    });
  }
});

$("login-form").addEventListener("submit", (event) => {
  event.preventDefault();
  run(async () => {
    $("login-button").disabled = true;
    try {
      await chat.login($("login-email").value, $("login-password").value);
    } finally {
      $("login-button").disabled = false;
    }
  });
});

$("logout-button").addEventListener("click", () => {
  chat.logout();
  location.reload();
});

$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  $("search-results").replaceChildren(); // no clicks on the previous answer while this one is on its way
  run(async () => renderSearchResults(await chat.searchUsers($("search-input").value.trim())));
});

$("group-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const userIds = [...document.querySelectorAll("#search-results .select-member:checked")]
    .map((box) => box.closest("li").dataset.userId);
  if (!userIds.length) {
    showError(new Error("Select the people to start a group with"));
    return;
  }
  run(async () => open(await chat.startGroup(userIds, $("group-alias").value.trim())));
});

$("message-input").addEventListener("input", () => {
  if (openConversationId && $("message-input").value) chat.typing(openConversationId);
});

$("message-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("message-input").value;
  if (!text.trim() || !openConversationId) return;
  if (new TextEncoder().encode(text).length > MAX_PLAINTEXT_BYTES) {
    showError(new Error(`Too long: a message may hold at most ${MAX_PLAINTEXT_BYTES} bytes`));
    return;
  }
  run(async () => {
    await chat.send(openConversationId, text);
    $("message-input").value = "";
  });
});

function open(conversationId) {
  openConversationId = conversationId;
  chat.markRead(conversationId);
  render();
  $("message-input").focus();
}

function run(action) {
  showError(null);
  action().catch(showError);
}

function showError(error) {
  $("error").hidden = !error;
  $("error").textContent = error ? `${error.code ? error.code + ": " : ""}${error.message}` : "";
  $("error").dataset.code = error?.code ?? "";
}

function render() {
  const signedIn = chat.status !== "signed out";
  $("login-form").hidden = signedIn;
  $("chat").hidden = !signedIn;
  $("logout-button").hidden = !signedIn;
  $("connection-status").textContent = chat.status;
  $("connection-status").dataset.status = chat.status;
  $("me-name").textContent = chat.me?.displayName ?? "";
  if (chat.error) {
    showError(chat.error);
    chat.error = null;
  }
  renderPresence();
  renderConversations();
  renderConversation();
}

function renderPresence() {
  $("presence").replaceChildren(...[...chat.presence].map(([userId, displayName]) =>
    item({ userId }, userId === chat.me.userId ? `${displayName} (you)` : displayName)));
}

function renderSearchResults(users) {
  $("search-results").replaceChildren(...users.map((user) => {
    const li = item({ userId: user.userId });
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.className = "select-member";
    label.append(box, ` ${user.displayName} `);
    const start = document.createElement("button");
    start.type = "button";
    start.className = "start-private";
    start.textContent = "Chat";
    start.addEventListener("click", () => run(async () => open(await chat.startPrivate(user.userId))));
    li.append(label, start);
    return li;
  }));
  if (!users.length) $("search-results").append(item({}, "nobody found"));
}

function renderConversations() {
  $("conversations").replaceChildren(...[...chat.conversations.values()].map((conversation) => {
    const li = item({ conversationId: conversation.id });
    li.classList.toggle("active", conversation.id === openConversationId);
    if (conversation.id === openConversationId) seen.set(conversation.id, conversation.messages.size);
    li.classList.toggle("unread", conversation.messages.size > (seen.get(conversation.id) ?? 0));
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = title(conversation);
    button.addEventListener("click", () => open(conversation.id));
    li.append(button);
    return li;
  }));
}

function renderConversation() {
  const conversation = chat.conversations.get(openConversationId);
  $("conversation").hidden = !conversation;
  if (!conversation) return;
  const waitingFor = conversation.members.filter((m) => !conversation.publicKeys[m.userId]);
  const ready = conversation.joined && conversation.privateKey != null && waitingFor.length === 0;
  $("conversation").dataset.conversationId = conversation.id;
  $("conversation").dataset.ready = String(ready);
  $("conversation-title").textContent = title(conversation);
  $("conversation-status").textContent = ready ? "end-to-end encrypted"
    : waitingFor.length ? `waiting for ${waitingFor.map((m) => m.displayName).join(", ")} to open it`
      : "loading keys…";

  // by time, not by text: ISO instants print 0, 3, 6 or 9 fraction digits, which don't sort as strings
  const messages = [...conversation.messages.values()]
    .sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt) || a.id.localeCompare(b.id));
  $("messages").replaceChildren(...messages.map((message) => {
    const li = item({ messageGroupId: message.id, senderId: message.senderId });
    li.className = "message";
    li.classList.toggle("mine", message.senderId === chat.me.userId);
    li.classList.toggle("deleted", message.deleted);
    li.classList.toggle("undecryptable", message.undecryptable);
    const sender = document.createElement("span");
    sender.className = "sender";
    sender.textContent = message.senderName;
    const text = document.createElement("span");
    text.className = "text";
    text.textContent = message.deleted ? "deleted" : message.undecryptable ? "cannot be decrypted"
      : message.text ?? "…";
    li.append(sender, text);
    return li;
  }));

  const typists = [...conversation.typing.keys()];
  $("typing").dataset.userIds = typists.join(" ");
  $("typing").textContent = typists.length
    ? `${typists.map((id) => chat.displayName(id)).join(", ")} ${typists.length > 1 ? "are" : "is"} typing…` : "";
}

function title(conversation) {
  if (conversation.alias) return conversation.alias;
  const others = conversation.members.filter((m) => m.userId !== chat.me.userId).map((m) => m.displayName);
  return others.length ? others.join(", ") : "(just you)";
}

function item(data, text) {
  const li = document.createElement("li");
  Object.assign(li.dataset, data);
  if (text !== undefined) li.textContent = text;
  return li;
}

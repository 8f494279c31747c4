// The HTTP API, with the signed-in user's credentials on every call.

import type { Templates } from "./types";

let credentials: string | null = sessionStorage.getItem("tracker.credentials");

export function signIn(username: string, password: string) {
  credentials = btoa(`${username}:${password}`);
  sessionStorage.setItem("tracker.credentials", credentials);
}

export function signOut() {
  credentials = null;
  sessionStorage.removeItem("tracker.credentials");
}

export function isSignedIn() {
  return credentials !== null;
}

export class ApiError extends Error {
  constructor(
    public status: number,
    message: string,
  ) {
    super(message);
  }
}

function headers(extra?: Record<string, string>): Record<string, string> {
  return {
    ...(credentials ? { Authorization: `Basic ${credentials}` } : {}),
    // tells the server not to answer 401 with a Basic challenge, which would open the browser's own dialog
    "X-Requested-With": "XMLHttpRequest",
    ...extra,
  };
}

async function failure(response: Response): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    message = body.detail ?? body.message ?? message;
  } catch {
    // not JSON: keep the status line
  }
  if (response.status === 401) message = "Wrong user name or password, or the session has ended.";
  if (response.status === 403) message = "Your role may not do this.";
  return new ApiError(response.status, message);
}

export async function get<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: headers() });
  if (!response.ok) throw await failure(response);
  return response.json();
}

/** A document in another format than JSON, e.g. the safety card with Accept: text/markdown. */
export async function getText(path: string, accept: string): Promise<string> {
  const response = await fetch(path, { headers: headers({ Accept: accept }) });
  if (!response.ok) throw await failure(response);
  return response.text();
}

let templatesOnce: Promise<Templates> | null = null;

/** Templates, categories and which categories only detect: fixed for a server's life, so asked once. */
export function templates(): Promise<Templates> {
  templatesOnce ??= get<Templates>("/api/templates").catch((e) => {
    templatesOnce = null;
    throw e;
  });
  return templatesOnce;
}

export async function send<T>(method: string, path: string, body?: unknown): Promise<T | null> {
  const response = await fetch(path, {
    method,
    headers: headers({ "Content-Type": "application/json" }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/**
 * Server-sent events over fetch (EventSource cannot send credentials in a header). Calls onEvent for each
 * event; returns a function that stops listening.
 */
export function subscribe(
  path: string,
  onEvent: (name: string, data: string) => void,
  onError: (e: unknown) => void,
): () => void {
  const controller = new AbortController();
  (async () => {
    const response = await fetch(path, {
      headers: headers({ Accept: "text/event-stream" }),
      signal: controller.signal,
    });
    if (!response.ok || !response.body) throw await failure(response);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = "message";
        const data: string[] = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event:")) name = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5));
        }
        if (data.length) onEvent(name, data.join("\n"));
      }
    }
  })().catch((e) => {
    if (!controller.signal.aborted) onError(e);
  });
  return () => controller.abort();
}

/**
 * Read models follow commands a moment later: ask again until the answer shows the change (or give up and
 * return the last answer).
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  tries = 30,
  delayMs = 300,
): Promise<T> {
  let value = await read();
  for (let i = 1; i < tries && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    value = await read();
  }
  return value;
}

/*
 * Where a student's work is kept: the browser's localStorage, under keys scoped to this site.
 * No DOM here: the storage is passed in (window.localStorage in the page, a Map-backed fake under
 * Node), and every call may throw (storage disabled, full, or denied): callers show that to the
 * student. The format is documented in DEVELOPERS.md ("What the browser stores").
 *
 *   quizbank:2:<scope>:draft:<bank#task>          a written task's draft
 *   quizbank:2:<scope>:backup:<bank#task>:<tab>   text a tab closed with while in conflict
 *   quizbank:2:<scope>:meta                       which migrations have run
 *
 * <scope> is the site's own path ("/cloud-fine-tuning/"), so two copies of the site on one
 * origin (two projects under one github.io account) never share or overwrite each other's work.
 */

export const FORMAT = 2;

export class Store {
  constructor(storage, scope) {
    this.storage = storage;
    this.scope = scope;
    this.prefix = `quizbank:${FORMAT}:${scope}:`;
  }

  key(kind, ...parts) {
    return this.prefix + [kind, ...parts].join(":");
  }

  /** What a key of this site is: {kind, task, tab}, or null for any other key (another site's, Material's…). */
  parse(key) {
    if (typeof key !== "string" || !key.startsWith(this.prefix)) return null;
    const rest = key.slice(this.prefix.length);
    const colon = rest.indexOf(":");
    const kind = colon < 0 ? rest : rest.slice(0, colon);
    const tail = colon < 0 ? "" : rest.slice(colon + 1);
    if (kind === "draft") return { kind, task: tail };
    if (kind === "backup") {
      const at = tail.lastIndexOf(":");
      return at < 0 ? null : { kind, task: tail.slice(0, at), tab: tail.slice(at + 1) };
    }
    return { kind };
  }

  get(key) {
    return this.storage.getItem(key);
  }

  set(key, value) {
    this.storage.setItem(key, value);
  }

  remove(key) {
    this.storage.removeItem(key);
  }

  /** Every key in the storage (all sites, all tools). */
  allKeys() {
    const keys = [];
    for (let i = 0; i < this.storage.length; i += 1) keys.push(this.storage.key(i));
    return keys;
  }

  /** This site's keys of one kind, parsed: [{key, kind, task, tab}]. */
  keysOf(kind) {
    const out = [];
    for (const key of this.allKeys()) {
      const parsed = this.parse(key);
      if (parsed && parsed.kind === kind) out.push({ key, ...parsed });
    }
    return out;
  }

  readJSON(key) {
    const text = this.get(key);
    if (text === null || text === undefined) return null;
    try {
      return JSON.parse(text);
    } catch (e) {
      return undefined; // damaged: the caller decides; never a reason to break the page
    }
  }

  writeJSON(key, value) {
    this.set(key, JSON.stringify(value));
  }

  migrations() {
    const meta = this.readJSON(this.key("meta"));
    return meta && Array.isArray(meta.migrations) ? meta.migrations.filter((m) => typeof m === "string") : [];
  }

  markMigrated(name) {
    const done = this.migrations();
    if (!done.includes(name)) this.writeJSON(this.key("meta"), { v: FORMAT, migrations: [...done, name] });
  }
}

/** A storage in memory, with localStorage's interface: for tests, and when the real one is unavailable. */
export class MemoryStorage {
  constructor(entries) {
    this.map = new Map(Object.entries(entries || {}));
  }
  get length() {
    return this.map.size;
  }
  key(i) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(key) {
    return this.map.has(key) ? this.map.get(key) : null;
  }
  setItem(key, value) {
    this.map.set(key, String(value));
  }
  removeItem(key) {
    this.map.delete(key);
  }
  clear() {
    this.map.clear();
  }
}

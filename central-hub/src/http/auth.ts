import { randomBytes } from "node:crypto";
import { CSRF_HEADER, type Role, SESSION_COOKIE, type SessionInfo } from "@hailong/protocol";
import { verify } from "@node-rs/argon2";
import type { FastifyReply, FastifyRequest } from "fastify";
import { ApiHttpError } from "./api-error.js";
import type { AuthUser, SessionRecord, SessionStore, UserStore } from "./ports.js";
import { seesOwnFiguresOnly } from "./scope.js";

export interface Authenticated {
  user: AuthUser;
  session: SessionRecord;
}

declare module "fastify" {
  interface FastifyRequest {
    auth?: Authenticated;
  }
  interface FastifyContextConfig {
    /** The route answers an official (cán bộ) with their own figures only: the one kind of /api route they may call. */
    forOfficials?: boolean;
  }
}

export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface SessionAuthOptions {
  users: UserStore;
  sessions: SessionStore;
  ttlMs: number;
  secureCookies: boolean;
  /** Behind a TLS-terminating proxy (fastify trustProxy): `X-Forwarded-Proto: https` also makes cookies Secure. */
  trustProxy?: boolean;
  now: () => number;
}

/** Login, session cookie and csrf checks; the stores are ports, this file only holds the rules. */
export function createSessionAuth(options: SessionAuthOptions) {
  const { users, sessions, now } = options;

  async function login(username: string, password: string): Promise<Authenticated | undefined> {
    const user = await users.findByUsername(username);
    // Verify against a dummy hash too when the user is unknown, so timing does not reveal usernames.
    const hash = user?.passwordHash ?? DUMMY_HASH;
    const valid = await verify(hash, password).catch(() => false);
    if (!user || !valid) return undefined;
    const at = now();
    const session: SessionRecord = {
      id: randomBytes(32).toString("base64url"),
      personId: user.personId,
      csrfToken: randomBytes(24).toString("base64url"),
      createdAt: at,
      expiresAt: at + options.ttlMs,
    };
    await sessions.insert(session);
    return { user, session };
  }

  /** Secure whenever the browser reached us over https: the public URL says so, or the trusted proxy does. */
  const secureFor = (request: FastifyRequest): boolean =>
    options.secureCookies || (options.trustProxy === true && request.protocol === "https");

  /** Loads the session named by the cookie; undefined when absent or expired. */
  async function authenticate(request: FastifyRequest): Promise<Authenticated | undefined> {
    const id = request.cookies[SESSION_COOKIE];
    if (!id) return undefined;
    const session = await sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= now()) {
      await sessions.delete(id);
      return undefined;
    }
    const user = await users.findById(session.personId);
    return user ? { user, session } : undefined;
  }

  /** onRequest guard for /api: a valid session, and the csrf header on mutating requests. */
  async function guard(request: FastifyRequest): Promise<void> {
    const auth = await authenticate(request);
    if (!auth) throw new ApiHttpError("unauthorized", "sign in first");
    if (MUTATING.has(request.method) && request.headers[CSRF_HEADER] !== auth.session.csrfToken) {
      throw new ApiHttpError("csrf_mismatch", `missing or wrong ${CSRF_HEADER} header`);
    }
    request.auth = auth;
  }

  return {
    login,
    setCookie: (reply: FastifyReply, session: SessionRecord) =>
      setSessionCookie(reply, session, secureFor(reply.request)),
    clearCookie: (reply: FastifyReply) => clearSessionCookie(reply, secureFor(reply.request)),
    authenticate,
    guard,
    toInfo: sessionInfo,
    logout: (id: string) => sessions.delete(id),
  };
}

function sessionInfo(user: AuthUser, session: SessionRecord): SessionInfo {
  return {
    user: {
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      centreId: user.centreId,
      departmentId: user.departmentId,
    },
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  };
}

function setSessionCookie(reply: FastifyReply, session: SessionRecord, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, session.id, {
    httpOnly: true,
    sameSite: "strict",
    secure,
    path: "/",
    expires: new Date(session.expiresAt),
  });
}

function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: "/",
    httpOnly: true,
    sameSite: "strict",
    secure,
  });
}

export type SessionAuth = ReturnType<typeof createSessionAuth>;

export function requireAuth(request: FastifyRequest): Authenticated {
  if (!request.auth) throw new ApiHttpError("unauthorized", "sign in first");
  return request.auth;
}

/**
 * onRequest of the /api scope, after the session guard: an official is refused on every route not marked
 * `forOfficials`, so a new route is closed to them unless it says otherwise.
 */
export function refuseOfficialsOutsideOwnFigures(request: FastifyRequest): void {
  const auth = request.auth;
  if (auth && seesOwnFiguresOnly(auth.user) && request.routeOptions.config.forOfficials !== true) {
    throw new ApiHttpError("forbidden", "an official sees only their own figures");
  }
}

export function requireRole(request: FastifyRequest, roles: readonly Role[]): Authenticated {
  const auth = requireAuth(request);
  if (!roles.includes(auth.user.role)) throw new ApiHttpError("forbidden", `needs one of: ${roles.join(", ")}`);
  return auth;
}

// argon2id hash of a random string nobody knows; only used to spend the same time on unknown usernames.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Jx6m4h0Gq6v7bD0H0mB8m7c8m9ZrJ8d4b3K0yq1Yk3E";

/** Memory session store for tests and single-process demos. */
export function createMemorySessionStore(): SessionStore {
  const map = new Map<string, SessionRecord>();
  return {
    insert: async (s) => {
      map.set(s.id, s);
    },
    get: async (id) => map.get(id),
    delete: async (id) => {
      map.delete(id);
    },
  };
}

const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/@\s]*)@/i;

/** `url` with the password of its userinfo masked (`mqtt://hub:***@host`), safe to log or print. */
export function redactUrl(url: string): string {
  return url.replace(USERINFO, (_match, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(":");
    return colon < 0 ? `${scheme}${userinfo}@` : `${scheme}${userinfo.slice(0, colon)}:***@`;
  });
}

/** Splits the userinfo off a URL: the bare URL goes to the client, the credentials into its options. */
export function splitUserinfo(url: string): { url: string; username?: string; password?: string } {
  const match = USERINFO.exec(url);
  if (match === null) return { url };
  const bare = url.replace(USERINFO, "$1");
  const userinfo = match[2] ?? "";
  const colon = userinfo.indexOf(":");
  const username = decodeURIComponent(colon < 0 ? userinfo : userinfo.slice(0, colon));
  const password = colon < 0 ? undefined : decodeURIComponent(userinfo.slice(colon + 1));
  return { url: bare, ...(username ? { username } : {}), ...(password !== undefined ? { password } : {}) };
}

// The theme lives in a cookie (not the account), so it applies before log-in
// and the server renders the chosen theme from the first byte: no flash.
import { isTheme, type Theme } from "./theme";

const COOKIE = "cairn_theme";
const ONE_YEAR_S = 365 * 24 * 60 * 60;

export function readTheme(request: Request): Theme {
  const match = request.headers.get("Cookie")?.match(/(?:^|;\s*)cairn_theme=([a-z]+)/);
  return isTheme(match?.[1]) ? match[1] : "system";
}

/** The Set-Cookie value that remembers a theme ("system" forgets the choice). */
export function themeCookie(theme: Theme, secure: boolean): string {
  const attributes = `Path=/; SameSite=Lax${secure ? "; Secure" : ""}`;
  return theme === "system" ? `${COOKIE}=; Max-Age=0; ${attributes}` : `${COOKIE}=${theme}; Max-Age=${ONE_YEAR_S}; ${attributes}`;
}

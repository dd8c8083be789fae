// The colour theme: stored in the user's preferences and mirrored in a cookie that an inline
// script in the root layout reads before the first paint, so a dark page never flashes light.

export const THEMES = ["light", "dark", "auto"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "dc_theme";

/** A year; the cookie is rewritten whenever the preference is saved. */
export const THEME_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

export function isTheme(value: unknown): value is Theme {
  return typeof value === "string" && (THEMES as readonly string[]).includes(value);
}

/**
 * Runs in <head> before the body paints: `dark` on <html> for "dark", or for "auto" (and no
 * cookie) when the system prefers dark; follows system changes while on "auto".
 */
export const THEME_SCRIPT = `(function(){try{var m=document.cookie.match(/(?:^|; )${THEME_COOKIE}=(light|dark|auto)/);var t=m?m[1]:"auto";var q=window.matchMedia("(prefers-color-scheme: dark)");var a=function(){var d=t==="dark"||(t==="auto"&&q.matches);document.documentElement.classList.toggle("dark",d);document.documentElement.dataset.theme=t;};a();if(t==="auto"&&q.addEventListener)q.addEventListener("change",a);}catch(e){}})();`;

/** Applies a theme to the open page at once (after saving; later loads use the cookie script). */
export function applyTheme(theme: Theme): void {
  const dark = theme === "dark" || (theme === "auto" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.dataset.theme = theme;
}

import { useFetcher, useFetchers, useLocation, useRouteLoaderData } from "react-router";
import { isTheme, THEMES, type Theme } from "~/modules/theme/theme";
import type { loader as rootLoader } from "~/root";
import { cx } from "./ui/cx";

/** The theme to render: one being switched to right now, else the remembered one. */
export function useTheme(): Theme {
  const remembered = useRouteLoaderData<typeof rootLoader>("root")?.theme ?? "system";
  const switching = useFetchers()
    .find((f) => f.formAction === "/theme" && f.formData)
    ?.formData?.get("theme");
  return isTheme(switching) ? switching : remembered;
}

const LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

/** System / Light / Dark, remembered in a cookie (see routes/theme.ts). */
export function ThemeSwitch({ className }: { className?: string }) {
  const fetcher = useFetcher();
  const theme = useTheme();
  const { pathname, search } = useLocation();
  return (
    <fetcher.Form method="post" action="/theme" className={className}>
      <input type="hidden" name="redirectTo" value={pathname + search} />
      <fieldset className="flex items-center justify-between gap-3">
        <legend className="float-left text-sm text-stone-700">Theme</legend>
        <div className="flex rounded-lg border border-stone-200 bg-stone-100 p-0.5">
          {THEMES.map((t) => (
            <button
              key={t}
              type="submit"
              name="theme"
              value={t}
              aria-pressed={theme === t}
              className={cx(
                "rounded-md px-2.5 py-1 text-xs font-medium",
                theme === t ? "bg-white text-stone-900 shadow-xs" : "text-stone-600 hover:text-stone-900",
              )}
            >
              {LABELS[t]}
            </button>
          ))}
        </div>
      </fieldset>
    </fetcher.Form>
  );
}

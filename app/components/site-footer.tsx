import { Link } from "react-router";
import { ThemeSwitch } from "./theme-switch";

/** The foot of the public pages: how to reach the people who run this instance, and the theme switch. */
export function SiteFooter() {
  return (
    <footer className="mx-auto flex w-full max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 border-t border-stone-200 px-4 py-6 text-sm text-stone-600">
      <Link to="/contact" className="hover:underline">
        Contact us
      </Link>
      <ThemeSwitch className="ml-auto" />
    </footer>
  );
}
